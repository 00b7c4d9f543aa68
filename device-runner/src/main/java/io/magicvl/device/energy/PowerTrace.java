package io.magicvl.device.energy;

import java.util.ArrayList;
import java.util.List;

/**
 * Power over time: {@code seconds[i]} (increasing, any origin) and {@code watts[i]}. Energy
 * comes from the trapezoid rule on the sample timestamps, with linear interpolation at the
 * window edges.
 */
public record PowerTrace(double[] seconds, double[] watts) {

    public PowerTrace {
        if (seconds.length != watts.length) {
            throw new IllegalArgumentException("trace has " + seconds.length + " times but " + watts.length + " values");
        }
        for (int i = 1; i < seconds.length; i++) {
            if (seconds[i] < seconds[i - 1]) {
                throw new IllegalArgumentException("trace times decrease at sample " + i + ": " + seconds[i - 1]
                        + " s then " + seconds[i] + " s");
            }
        }
    }

    /** Returns the energy in joules between {@code from} and {@code to} (seconds on the trace clock). */
    public double joules(double from, double to) {
        if (seconds.length < 2 || to <= from) {
            return 0;
        }
        double start = Math.max(from, seconds[0]);
        double end = Math.min(to, seconds[seconds.length - 1]);
        if (end <= start) {
            return 0;
        }
        double total = 0;
        double previousTime = start;
        double previousWatts = wattsAt(start);
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] <= start) {
                continue;
            }
            if (seconds[i] >= end) {
                break;
            }
            total += (seconds[i] - previousTime) * (watts[i] + previousWatts) / 2;
            previousTime = seconds[i];
            previousWatts = watts[i];
        }
        total += (end - previousTime) * (wattsAt(end) + previousWatts) / 2;
        return total;
    }

    /** Returns whether the trace covers {@code [from, to]}. */
    public boolean covers(double from, double to) {
        return seconds.length >= 2 && seconds[0] <= from && seconds[seconds.length - 1] >= to;
    }

    /** Returns the mean power in watts over {@code [from, to]}. */
    public double meanWatts(double from, double to) {
        return to > from ? joules(from, to) / (to - from) : Double.NaN;
    }

    /** Returns the power at {@code time}, linearly interpolated and clamped to the ends. */
    public double wattsAt(double time) {
        if (seconds.length == 0) {
            return Double.NaN;
        }
        if (time <= seconds[0]) {
            return watts[0];
        }
        int last = seconds.length - 1;
        if (time >= seconds[last]) {
            return watts[last];
        }
        int low = 0;
        int high = last;
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (seconds[mid] <= time) {
                low = mid;
            } else {
                high = mid;
            }
        }
        double span = seconds[high] - seconds[low];
        double fraction = span == 0 ? 0 : (time - seconds[low]) / span;
        return watts[low] + fraction * (watts[high] - watts[low]);
    }

    /** Returns the samples inside {@code [from, to]}, shifted so {@code from} is time 0 (for plots). */
    public PowerTrace window(double from, double to) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] >= from && seconds[i] <= to) {
                kept.add(new double[] {seconds[i] - from, watts[i]});
            }
        }
        return new PowerTrace(kept.stream().mapToDouble(p -> p[0]).toArray(), kept.stream().mapToDouble(p -> p[1]).toArray());
    }

    /**
     * Builds a power trace from cumulative energy counters (joules): each interval's mean power
     * at both of its ends, so the trace covers the first to the last reading and integrates to
     * exactly the counter's increase over any span of whole intervals.
     */
    public static PowerTrace fromCumulative(double[] seconds, double[] joules) {
        int n = Math.max(0, seconds.length - 1);
        double[] times = new double[2 * n];
        double[] power = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double dt = seconds[i + 1] - seconds[i];
            double watts = dt > 0 ? (joules[i + 1] - joules[i]) / dt : 0;
            times[2 * i] = seconds[i];
            times[2 * i + 1] = seconds[i + 1];
            power[2 * i] = watts;
            power[2 * i + 1] = watts;
        }
        return new PowerTrace(times, power);
    }
}
