package io.magicvl.device.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.device.energy.EnergyResult;
import io.magicvl.device.energy.PowerTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-device samplers against sysfs-shaped folders, and the host-side energy of a run. */
class EnergySourcesTest {
    @TempDir
    Path temp;

    @Test
    void raplSamplerSumsPackagesAndWraps() throws Exception {
        Path powercap = temp.resolve("powercap");
        Path package0 = Files.createDirectories(powercap.resolve("intel-rapl:0"));
        Files.createDirectories(powercap.resolve("intel-rapl:0:0"));
        Files.writeString(package0.resolve("energy_uj"), "999000000\n");
        Files.writeString(package0.resolve("max_energy_range_uj"), "1000000000\n");
        AtomicReference<Double> clock = new AtomicReference<>(0.0);
        DeviceEnergySampler sampler = new DeviceEnergySampler("rapl", powercap, List.of(), 60_000, clock::get);

        sampler.start();
        clock.set(2.0);
        Files.writeString(package0.resolve("energy_uj"), "3000000\n"); // wrapped: +4 J
        EnergySamples samples = sampler.stop();

        assertNull(samples.error());
        assertEquals(List.of(0.0, 2.0), samples.times());
        assertEquals(1e9, samples.counterRange());
        RunResult run = run(samples, 0.0, 2.0, 0.0, 2.0);
        EnergyResult energy = RunAnalysis.energy(run, null, null, 0);
        assertTrue(energy.available(), energy.reason());
        assertEquals(4.0, energy.grossJoules(), 1e-9);
    }

    @Test
    void odpmSamplerSumsChosenRails() throws Exception {
        Path iio = temp.resolve("iio");
        Path device = Files.createDirectories(iio.resolve("iio:device0"));
        Files.writeString(device.resolve("energy_value"),
                "t=1000\nCH0(T=1000)[S4M_VDD_CPUCL0], 1000000\nCH1(T=1000)[VSYS_PWR_DISPLAY], 500000\n");
        AtomicReference<Double> clock = new AtomicReference<>(0.0);
        DeviceEnergySampler sampler = new DeviceEnergySampler("odpm", iio, List.of("S4M_VDD_CPUCL0"), 60_000, clock::get);

        sampler.start();
        clock.set(1.0);
        Files.writeString(device.resolve("energy_value"),
                "t=2000\nCH0(T=2000)[S4M_VDD_CPUCL0], 3500000\nCH1(T=2000)[VSYS_PWR_DISPLAY], 900000\n");
        EnergySamples samples = sampler.stop();

        assertNull(samples.error());
        assertEquals(1_000_000.0, samples.values().get(0)[0]);
        assertEquals(3_500_000.0, samples.values().get(1)[0]);
    }

    @Test
    void missingSourceIsUnavailableWithReason() throws Exception {
        DeviceEnergySampler sampler = new DeviceEnergySampler("battery", temp.resolve("no-battery"), List.of(), 10,
                () -> 0.0);
        sampler.start();
        EnergySamples samples = sampler.stop();
        EnergyResult energy = RunAnalysis.energy(run(samples, 0, 1, 1, 2), null, null, 0);
        assertFalse(energy.available());
        assertTrue(energy.reason().contains("no-battery"), energy.reason());
        assertTrue(Double.isNaN(energy.perImageJ()));
    }

    /** The run's clock starts at Unix time 1000 s; the monitor's clock runs 0.5 s behind. */
    @Test
    void csvTraceAlignsByWallClock() {
        EnergySamples none = new EnergySamples("csv", List.of(), List.of(), 0, "", List.of(), null);
        RunResult run = run(none, 0.0, 1.0, 2.0, 4.0);
        double[] monitorSeconds = {999.5, 1000.5, 1001.5, 1002.5, 1003.5, 1004.5};
        double[] watts = {1.0, 1.0, 3.0, 3.0, 3.0, 3.0};
        EnergyResult energy = RunAnalysis.energy(run, null, new PowerTrace(monitorSeconds, watts), 0.5);

        assertTrue(energy.available(), energy.reason());
        assertEquals(1.0, energy.idleWatts(), 1e-12);
        assertEquals(6.0, energy.grossJoules(), 1e-12);
        assertEquals(4.0, energy.netJoules(), 1e-12);
        assertEquals(2.0, energy.perImageJ(), 1e-12);
    }

    private static RunResult run(EnergySamples energy, double idleStart, double idleEnd, double steadyStart,
            double steadyEnd) {
        List<AnswerRecord> answers = List.of(
                new AnswerRecord("384x384", 1, 144, steadyStart, 0.01, 0.05, 0.02, 4, 0.03, 3, 0.1),
                new AnswerRecord("384x384", 1, 144, steadyStart + 0.1, 0.01, 0.05, 0.02, 4, 0.03, 3, 0.1));
        return new RunResult("export", 1_000_000L, idleStart, idleEnd, 0.5, steadyStart, steadyEnd, 2, answers, 1 << 20,
                "test", "amd64", 2, energy);
    }
}
