package io.magicvl.device.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magicvl.core.MagicvlException;
import org.junit.jupiter.api.Test;

class ThermalParsingTest {

    @Test
    void androidStatusAndHottestTemperature() {
        String text = """
                IsStatusOverride: false
                Thermal Status: 3
                Current temperatures from HAL:
                	Temperature{mValue=41.2, mType=0, mName=cpu-0, mStatus=3}
                	Temperature{mValue=38.5, mType=3, mName=skin, mStatus=0}
                """;
        ThermalReading reading = ThermalSource.AndroidThermal.parse(text);
        assertEquals(3, reading.status());
        assertEquals(41.2, reading.maxCelsius(), 1e-9);
        assertEquals("severe", ThermalReading.statusName(reading.status()));
    }

    @Test
    void androidOutputWithoutStatusFails() {
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> ThermalSource.AndroidThermal.parse("Can't find service: thermalservice"));
        assertEquals(MagicvlException.Kind.CHECK_FAILED, error.kind());
    }

    @Test
    void linuxZonesMapToStatus() {
        assertEquals(0, ThermalSource.LinuxThermal.parse("x86_pkg_temp 52000\nacpitz 40000\n", 85).status());
        assertEquals(1, ThermalSource.LinuxThermal.parse("x86_pkg_temp 78000\n", 85).status());
        ThermalReading hot = ThermalSource.LinuxThermal.parse("acpitz 40000\nx86_pkg_temp 91000\n", 85);
        assertEquals(2, hot.status());
        assertEquals(91.0, hot.maxCelsius(), 1e-9);
        assertEquals("hottest zone x86_pkg_temp", hot.detail());
    }
}
