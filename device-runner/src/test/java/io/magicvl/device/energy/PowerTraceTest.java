package io.magicvl.device.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerTraceTest {

    /**
     * Synthetic battery trace in the kernel convention (µA, µV, negative while discharging):
     * idle 1.0 W from 0 to 1 s, then a ramp to 3.0 W at 2 s, then 3.0 W until 4 s.
     * By hand: steady window 1.5..3.5 s = trapezoid 1.5..2 (2.0 W -> 3.0 W) = 1.25 J plus
     * 1.5 s at 3.0 W = 4.5 J, total 5.75 J; idle 1.0 W x 2.0 s = 2.0 J; net 3.75 J;
     * 4 images -> 0.9375 J per image; 30 tokens -> 0.125 J per token.
     */
    @Test
    void batteryTraceMatchesHandIntegration() {
        double volts = 4.0;
        double[] seconds = {0.0, 0.5, 1.0, 2.0, 3.0, 4.0};
        double[] wattsExpected = {1.0, 1.0, 1.0, 3.0, 3.0, 3.0};
        double[] rawCurrent = new double[seconds.length];
        double[] rawVoltage = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            rawCurrent[i] = -wattsExpected[i] / volts * 1e6;
            rawVoltage[i] = volts * 1e6;
        }
        BatteryConvention convention = new BatteryConvention("uA", "uV", false);
        double[] watts = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            watts[i] = convention.watts(rawCurrent[i], rawVoltage[i]);
        }
        PowerTrace trace = new PowerTrace(seconds, watts);

        EnergyResult result = EnergyResult.integrate("battery", convention.describe(), trace, 0.0, 1.0, 1.5, 3.5, 4, 30);

        assertTrue(result.available());
        assertEquals(1.0, result.idleWatts(), 1e-12);
        assertEquals(5.75, result.grossJoules(), 1e-12);
        assertEquals(3.75, result.netJoules(), 1e-12);
        assertEquals(0.9375, result.perImageJ(), 1e-12);
        assertEquals(0.125, result.perTokenJ(), 1e-12);
    }

    @Test
    void cumulativeCountersWrap() {
        double[] raw = {900, 950, 20, 70};
        double[] joules = EnergyCounters.unwrap(raw, 1000, 1e-6);
        assertEquals(170e-6, joules[3], 1e-15);
        PowerTrace power = PowerTrace.fromCumulative(new double[] {0, 1, 2, 3}, joules);
        assertEquals(50e-6, power.wattsAt(0.5), 1e-15);
        assertEquals(70e-6, power.wattsAt(1.5), 1e-15);
        assertEquals(170e-6, power.joules(0, 3), 1e-15);
    }

    @Test
    void uncoveredWindowIsUnavailable() {
        PowerTrace trace = new PowerTrace(new double[] {0, 1}, new double[] {1, 1});
        EnergyResult result = EnergyResult.integrate("battery", "", trace, 0, 0.5, 0.5, 2.0, 1, 1);
        assertFalse(result.available());
        assertTrue(Double.isNaN(result.perImageJ()));
        assertTrue(result.reason().contains("do not cover"), result.reason());
    }

    @Test
    void odpmTextParsesRails() {
        String text = "t=123456\nCH0(T=123456)[S4M_VDD_CPUCL0], 1000\nCH1(T=123456)[S2S_VDD_G3D], 250\n";
        assertEquals(java.util.Map.of("S4M_VDD_CPUCL0", 1000L, "S2S_VDD_G3D", 250L), EnergyCounters.parseOdpm(text));
    }

    @Test
    void csvTraceReadsCurrentAndVoltage(@TempDir Path temp) throws Exception {
        Path csv = temp.resolve("monitor.csv");
        Files.writeString(csv, "time_s,current_a,voltage_v\n100.0,0.5,4.0\n101.0,0.5,4.0\n102.0,1.0,4.0\n");
        PowerTrace trace = CsvPowerTrace.read(csv);
        assertEquals(2.0 + 3.0, trace.joules(100.0, 102.0), 1e-12);
    }
}
