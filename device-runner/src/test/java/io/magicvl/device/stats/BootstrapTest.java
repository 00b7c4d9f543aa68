package io.magicvl.device.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void quantilesInterpolateLinearly() {
        double[] values = {5, 1, 4, 2, 3};
        assertEquals(3.0, Stats.median(values));
        assertEquals(4.6, Stats.p90(values), 1e-12);
        assertEquals(2.5, Stats.median(new double[] {1, 2, 3, 4}));
    }

    @Test
    void savingIntervalContainsEstimateAndIsSeeded() {
        double[] baseline = {10.0, 10.4, 9.8, 10.1, 10.2};
        double[] candidate = {6.0, 6.1, 5.8, 6.2, 5.9};
        Interval first = Bootstrap.standard().saving(candidate, baseline, "median");
        Interval second = Bootstrap.standard().saving(candidate, baseline, "median");

        assertEquals(1 - 6.0 / 10.1, first.estimate(), 1e-12);
        assertTrue(first.lower() <= first.estimate(), first.toString());
        assertTrue(first.estimate() <= first.upper(), first.toString());
        assertTrue(first.upper() - first.lower() < 0.1, first.toString());
        assertEquals(first, second);
    }

    @Test
    void identicalRunsGiveZeroWidthRatio() {
        double[] same = {2, 2, 2, 2, 2};
        Interval ratio = Bootstrap.standard().ratio(same, same, "median");
        assertEquals(1.0, ratio.lower());
        assertEquals(1.0, ratio.upper());
    }
}
