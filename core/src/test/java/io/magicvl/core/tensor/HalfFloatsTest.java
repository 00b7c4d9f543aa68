package io.magicvl.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
    @Test
    void halfRoundTripsEveryCode() {
        for (int code = 0; code < 0x10000; code++) {
            float value = HalfFloats.halfToFloat((short) code);
            if (Float.isNaN(value)) {
                assertTrue(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(value))), "NaN code " + code);
            } else {
                assertEquals(code, HalfFloats.floatToHalf(value) & 0xFFFF, "code " + Integer.toHexString(code));
            }
        }
    }

    @Test
    void halfRoundsToNearestEven() {
        // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): ties go to the even mantissa, 1.
        assertEquals(1f, HalfFloats.halfToFloat(HalfFloats.floatToHalf(1f + 0x1p-11f)));
        assertEquals(1f + 0x1p-9f, HalfFloats.halfToFloat(HalfFloats.floatToHalf(1f + 0x1p-10f + 0x1p-11f)));
        assertEquals(65504f, HalfFloats.halfToFloat(HalfFloats.floatToHalf(65519f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.halfToFloat(HalfFloats.floatToHalf(65520f)));
        assertEquals(0x1p-24f, HalfFloats.halfToFloat(HalfFloats.floatToHalf(0x1p-24f)));
        assertEquals(0f, HalfFloats.halfToFloat(HalfFloats.floatToHalf(0x1p-26f)));
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertEquals(1f, Float.intBitsToFloat(HalfFloats.floatToBfloat16(1f + 0x1p-8f) << 16));
        assertEquals(1f + 0x1p-6f, Float.intBitsToFloat(HalfFloats.floatToBfloat16(1f + 0x1p-7f + 0x1p-8f) << 16));
        assertTrue(Float.isNaN(Float.intBitsToFloat(HalfFloats.floatToBfloat16(Float.NaN) << 16)));
    }

    @Test
    void float8RoundTripsEveryCode() {
        for (int code = 0; code < 256; code++) {
            float e4m3 = HalfFloats.e4m3ToFloat((byte) code);
            if (!Float.isNaN(e4m3)) {
                assertEquals(code, HalfFloats.floatToE4m3(e4m3) & 0xFF, "e4m3 code " + code);
            }
            float e5m2 = HalfFloats.e5m2ToFloat((byte) code);
            if (!Float.isNaN(e5m2)) {
                assertEquals(code, HalfFloats.floatToE5m2(e5m2) & 0xFF, "e5m2 code " + code);
            }
        }
    }

    @Test
    void float8Limits() {
        assertEquals(448f, HalfFloats.e4m3ToFloat((byte) 0x7E));
        assertTrue(Float.isNaN(HalfFloats.e4m3ToFloat((byte) 0x7F)));
        assertEquals(0x1p-9f, HalfFloats.e4m3ToFloat((byte) 0x01));
        assertEquals(448f, HalfFloats.e4m3ToFloat(HalfFloats.floatToE4m3(464f)));
        assertTrue(Float.isNaN(HalfFloats.e4m3ToFloat(HalfFloats.floatToE4m3(470f))));
        assertEquals(57344f, HalfFloats.e5m2ToFloat((byte) 0x7B));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.e5m2ToFloat(HalfFloats.floatToE5m2(-1e6f)));
    }
}
