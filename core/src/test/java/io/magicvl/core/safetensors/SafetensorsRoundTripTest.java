package io.magicvl.core.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    /** Values every dtype represents exactly. */
    private static final float[] SAMPLE = {0f, 1f, -1f, 2f, 0.5f, -0.25f, 3f, 1f};

    @Test
    void everyDtypeRoundTrips() {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        for (DType dtype : DType.values()) {
            float[] values = SAMPLE.clone();
            if (!dtype.isFloatingPoint()) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = dtype == DType.BOOL ? (values[i] != 0 ? 1 : 0) : Math.abs(Math.round(values[i]));
                }
            }
            writer.addFloats("t." + dtype, dtype, new long[] {2, 4}, values);
        }
        Path file = dir.resolve("all.safetensors");
        writer.write(file);

        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            assertEquals(DType.values().length, checkpoint.tensors().size());
            for (DType dtype : DType.values()) {
                TensorInfo info = checkpoint.info("t." + dtype);
                assertEquals(dtype, info.dtype());
                assertArrayEquals(new long[] {2, 4}, info.shape());
                float[] read = checkpoint.readFloats("t." + dtype);
                for (int i = 0; i < SAMPLE.length; i++) {
                    float expected = dtype.isFloatingPoint() ? SAMPLE[i]
                            : dtype == DType.BOOL ? (SAMPLE[i] != 0 ? 1 : 0) : Math.abs(Math.round(SAMPLE[i]));
                    assertEquals(expected, read[i], dtype + " element " + i);
                }
            }
            assertEquals("pt", checkpoint.files().get(0).metadata().get("format"));
        }
    }

    @Test
    void bytesRoundTripExactly() {
        byte[] data = new byte[6 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        Path file = dir.resolve("raw.safetensors");
        new SafetensorsWriter().addBytes("raw", DType.I32, new long[] {2, 3}, data).write(file);
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            assertArrayEquals(data, checkpoint.readBytes("raw"));
            ByteBuffer window = checkpoint.map("raw", 4, 8);
            assertEquals(ByteOrder.LITTLE_ENDIAN, window.order());
            assertEquals(data[4], window.get(0));
            assertEquals(data[11], window.get(7));

            java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
            assertEquals(data.length, checkpoint.copyRaw("raw", java.nio.channels.Channels.newChannel(copy)));
            assertArrayEquals(data, copy.toByteArray());
            ByteBuffer part = ByteBuffer.allocate(8);
            checkpoint.readRaw("raw", 16, part);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 16, 24), part.array());
            org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                    () -> checkpoint.readRaw("raw", 20, ByteBuffer.allocate(8)));
            io.magicvl.core.MagicvlException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    io.magicvl.core.MagicvlException.class, () -> checkpoint.readBytes("nope"));
            assertTrue(missing.getMessage().contains("'nope'"), missing.getMessage());
        }
    }

    @Test
    void streamingReadMatchesFullRead() {
        float[] values = new float[3 * 1000 + 7];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * 3;
        }
        Path file = dir.resolve("stream.safetensors");
        new SafetensorsWriter().addFloats("x", DType.BF16, new long[] {values.length}, values).write(file);
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            float[] full = checkpoint.readFloats("x");
            float[] part = new float[10];
            checkpoint.readFloats("x", 1234, part, 2, 8);
            for (int i = 0; i < 8; i++) {
                assertEquals(full[1234 + i], part[2 + i]);
                assertEquals(values[1234 + i], part[2 + i], Math.abs(values[1234 + i]) / 128);
            }
        }
    }

    @Test
    void writerIsDeterministicAndAligned() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        new SafetensorsWriter().addFloats("z", DType.F16, new long[] {3}, new float[] {1, 2, 3})
                .addFloats("a", DType.F32, new long[] {1}, new float[] {4})
                .addFloats("m", DType.I8, new long[] {}, new float[] {5})
                .write(a);
        new SafetensorsWriter().addFloats("m", DType.I8, new long[] {}, new float[] {5})
                .addFloats("a", DType.F32, new long[] {1}, new float[] {4})
                .addFloats("z", DType.F16, new long[] {3}, new float[] {1, 2, 3})
                .write(b);
        byte[] bytes = Files.readAllBytes(a);
        assertArrayEquals(bytes, Files.readAllBytes(b));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, headerLength % 8);
        String header = new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.indexOf("\"a\"") < header.indexOf("\"m\""), header);
        assertTrue(header.indexOf("\"m\"") < header.indexOf("\"z\""), header);
        try (Checkpoint checkpoint = Checkpoint.open(a)) {
            assertEquals(List.of("a", "m", "z"), checkpoint.tensors().stream().map(TensorInfo::name).toList());
            assertEquals(0, checkpoint.files().get(0).dataOffset("a"));
            assertEquals(4, checkpoint.files().get(0).dataOffset("z"));
            assertEquals(10, checkpoint.files().get(0).dataOffset("m"));
            assertEquals(5f, checkpoint.readFloats("m")[0]);
        }
    }

    @Test
    void emptyAndScalarTensors() {
        Path file = dir.resolve("edge.safetensors");
        new SafetensorsWriter().addFloats("empty", DType.F32, new long[] {0, 4}, new float[0])
                .addFloats("scalar", DType.F32, new long[] {}, new float[] {7})
                .write(file);
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            assertEquals(0, checkpoint.readFloats("empty").length);
            assertArrayEquals(new float[] {7}, checkpoint.readFloats("scalar"));
            assertEquals(0, checkpoint.info("scalar").rank());
        }
    }

    @Test
    void nanoFixtureOpens() {
        Path stage = io.magicvl.core.testing.TestPaths.nanoRun().resolve("stage4-advanced");
        try (Checkpoint checkpoint = Checkpoint.open(stage)) {
            assertTrue(checkpoint.tensors().size() > 10);
            for (TensorInfo info : checkpoint.tensors()) {
                assertEquals(DType.BF16, info.dtype(), info.name());
            }
            float[] norm = checkpoint.readFloats("language_model.model.norm.weight");
            assertEquals(checkpoint.info("language_model.model.norm.weight").elementCount(), norm.length);
        }
    }
}
