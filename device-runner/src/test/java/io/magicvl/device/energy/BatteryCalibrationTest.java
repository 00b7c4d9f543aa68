package io.magicvl.device.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BatteryCalibrationTest {

    /**
     * A device draws 0.30 A idle and 0.80 A under load at 3.85 V. Reported in each of the four
     * unit and sign conventions, calibration must recover the convention and the watts.
     */
    @ParameterizedTest
    @CsvSource({
        "uA, true", "uA, false", "mA, true", "mA, false",
    })
    void calibrationRecoversEachConvention(String unit, boolean dischargePositive) {
        double scale = unit.equals("uA") ? 1e6 : 1e3;
        double sign = dischargePositive ? 1 : -1;
        double[] idle = raw(new double[] {0.29, 0.30, 0.31, 0.30}, scale * sign);
        double[] load = raw(new double[] {0.79, 0.80, 0.81, 0.80}, scale * sign);
        double[] voltage = {3_850_000, 3_850_000, 3_849_000};

        BatteryConvention convention = BatteryCalibration.detect(idle, load, voltage);

        assertEquals(unit, convention.currentUnit());
        assertEquals("uV", convention.voltageUnit());
        assertEquals(dischargePositive, convention.dischargePositive());
        assertEquals(0.80 * 3.85, convention.watts(load[1], voltage[0]), 1e-9);
    }

    @Test
    void millivoltsAreDetected() {
        BatteryConvention convention = BatteryCalibration.detect(new double[] {-300_000}, new double[] {-800_000},
                new double[] {3850});
        assertEquals("mV", convention.voltageUnit());
        assertEquals(0.8 * 3.85, convention.watts(-800_000, 3850), 1e-9);
    }

    @Test
    void unchangedCurrentIsInconclusive() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> BatteryCalibration.detect(
                new double[] {-300_000, -300_000}, new double[] {-301_000}, new double[] {3_850_000}));
        assertTrue(error.getMessage().contains("-300000 idle vs -301000 under load"), error.getMessage());
    }

    @Test
    void profileConventionParses() {
        BatteryConvention convention = BatteryCalibration.parse("mA, mV, discharge-positive");
        assertEquals(new BatteryConvention("mA", "mV", true), convention);
        MagicvlException error = assertThrows(MagicvlException.class, () -> BatteryCalibration.parse("uA,uV,down"));
        assertTrue(error.getMessage().contains("'uA,uV,down'"), error.getMessage());
    }

    private static double[] raw(double[] amperes, double factor) {
        return Arrays.stream(amperes).map(a -> a * factor).toArray();
    }
}
