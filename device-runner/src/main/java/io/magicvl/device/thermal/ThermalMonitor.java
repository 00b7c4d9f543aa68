package io.magicvl.device.thermal;

import io.magicvl.core.MagicvlException;
import io.magicvl.device.transport.DeviceTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a device to cool down before a run and polls it during the run; a run whose
 * status reached {@code maxStatus + 1} or more is throttled and must be discarded.
 */
public final class ThermalMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ThermalMonitor.class);

    private final DeviceTransport device;
    private final ThermalSource source;
    private final int maxStatus;
    private final Duration pollInterval;
    private final Duration cooldownTimeout;

    /**
     * @param maxStatus highest status a valid run may reach (0 = none, 1 = light)
     */
    public ThermalMonitor(DeviceTransport device, ThermalSource source, int maxStatus, Duration pollInterval,
            Duration cooldownTimeout) {
        this.device = device;
        this.source = source;
        this.maxStatus = maxStatus;
        this.pollInterval = pollInterval;
        this.cooldownTimeout = cooldownTimeout;
    }

    public ThermalSource source() {
        return source;
    }

    /**
     * Polls until the status is at most {@code maxStatus} and returns that reading.
     *
     * @throws MagicvlException (check failed) if the device stays hot for the whole cool-down timeout
     */
    public ThermalReading awaitNormal() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + cooldownTimeout.toNanos();
        ThermalReading reading = source.read(device);
        boolean logged = false;
        while (reading.status() > maxStatus) {
            if (System.nanoTime() > deadline) {
                throw MagicvlException.checkFailed("Device " + device.id() + " did not cool down within "
                        + cooldownTimeout.toSeconds() + " s: " + reading + " (allowed status <= " + maxStatus
                        + "). Let it cool, or raise thermal.cooldown_timeout_s in the device profile.");
            }
            if (!logged) {
                LOG.info("waiting for {} to cool down: {}", device.id(), reading);
                logged = true;
            }
            Thread.sleep(pollInterval.toMillis());
            reading = source.read(device);
        }
        return reading;
    }

    /** Starts polling in the background until {@link Watch#stop()}. */
    public Watch watch() {
        Watch watch = new Watch();
        watch.thread.start();
        return watch;
    }

    /** A background poll of one run. */
    public final class Watch {
        private final List<ThermalReading> readings = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean stopped;
        private volatile IOException failure;

        private Watch() {
            thread = new Thread(this::poll, "thermal-watch");
            thread.setDaemon(true);
        }

        private void poll() {
            while (!stopped) {
                try {
                    readings.add(source.read(device));
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    failure = e;
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("thermal poll of {} failed: {}", device.id(), e.getMessage());
                    return;
                }
            }
        }

        /**
         * Stops polling, takes one last reading and returns the worst reading of the run, or
         * null when none was throttled.
         */
        public ThermalReading stop() throws IOException, InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(10_000);
            if (failure != null) {
                LOG.debug("thermal poll of {} stopped: {}", device.id(), failure.toString());
            }
            readings.add(source.read(device));
            ThermalReading worst = null;
            synchronized (readings) {
                for (ThermalReading reading : readings) {
                    if (reading.status() > maxStatus && (worst == null || reading.status() > worst.status())) {
                        worst = reading;
                    }
                }
            }
            return worst;
        }

        /** Stops polling without a last reading, for a run that failed anyway. */
        public void cancel() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(10_000);
        }

        /** Returns how many readings were taken. */
        public int count() {
            return readings.size();
        }
    }
}
