package io.magicvl.device.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.device.profile.GateSpec;
import io.magicvl.device.stats.Interval;
import org.junit.jupiter.api.Test;

class GatesTest {

    @Test
    void savingWithinToleranceWarnsButPasses() {
        GateSpec spec = new GateSpec(0.411, null, 0.03, null, null);
        GateResult result = Gates.judge("energy_saving", "", "median", spec, new Interval(0.39, 0.35, 0.43, 0.95), null);
        assertTrue(result.passed(), result.message());
        assertTrue(result.warning().contains("[0.3500, 0.4300]"), result.warning());
        assertTrue(result.message().contains("value 0.3900"), result.message());
        assertTrue(result.message().contains(">= 0.411"), result.message());
    }

    @Test
    void latencyAboveMaxFailsWithValueAndInterval() {
        GateSpec spec = new GateSpec(null, 0.09, null, "median", "384x384");
        GateResult result = Gates.judge("vision_latency_s", "384x384", "median", spec,
                new Interval(0.1, 0.095, 0.11, 0.95), null);
        assertFalse(result.passed());
        assertEquals("FAIL vision_latency_s at 384x384 (median): value 0.1000, interval [0.09500, 0.1100], "
                + "threshold <= 0.09", result.message());
    }

    @Test
    void missingEnergyFailsWithReason() {
        GateSpec spec = new GateSpec(0.411, null, 0.03, null, null);
        GateResult result = Gates.judge("energy_saving", "", "median", spec,
                new Interval(Double.NaN, Double.NaN, Double.NaN, 0.95), "the device profile names no energy source");
        assertFalse(result.passed());
        assertTrue(result.message().contains("energy is unavailable: the device profile names no energy source"),
                result.message());
    }
}
