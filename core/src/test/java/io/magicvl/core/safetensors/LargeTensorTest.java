package io.magicvl.core.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;

import io.magicvl.core.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tensor larger than 2 GiB: written, then read at offsets past 2^31 bytes. */
@Tag("slow")
class LargeTensorTest {
    @TempDir
    Path dir;

    private static float valueAt(long index) {
        return (float) (index % 251) - 125;
    }

    @Test
    void tensorAbove2GiB() {
        long elements = 1_200_000_000L;
        Path file = dir.resolve("large.safetensors");
        new SafetensorsWriter()
                .addFloats("small", DType.F32, new long[] {2}, new float[] {1, 2})
                .addGenerated("large", DType.BF16, new long[] {elements / 1000, 1000}, (first, destination, count) -> {
                    for (int i = 0; i < count; i++) {
                        destination[i] = valueAt(first + i);
                    }
                })
                .write(file);

        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            assertEquals(elements * 2, checkpoint.info("large").byteSize());
            float[] values = new float[1000];
            long first = elements - 1000;
            checkpoint.readFloats("large", first, values, 0, values.length);
            for (int i = 0; i < values.length; i++) {
                assertEquals(valueAt(first + i), values[i]);
            }
            long byteOffset = (1L << 31) + 6;
            ByteBuffer window = checkpoint.map("large", byteOffset, 4);
            float mapped = Float.intBitsToFloat((window.getShort(0) & 0xFFFF) << 16);
            assertEquals(valueAt(byteOffset / 2), mapped);
            assertEquals(2f, checkpoint.readFloats("small")[1]);
            MagicvlException error = assertThrows(MagicvlException.class, () -> checkpoint.readBytes("large"));
            assertTrue(error.getMessage().contains("readRaw"), error.getMessage());
        }
    }
}
