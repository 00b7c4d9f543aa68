package io.magicvl.core.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedCheckpointTest {
    @TempDir
    Path dir;

    private static final String FIRST = "model-00001-of-00002.safetensors";
    private static final String SECOND = "model-00002-of-00002.safetensors";

    @BeforeEach
    void writeShardedCheckpoint() {
        CheckpointWriter writer = new CheckpointWriter(40);
        for (int i = 0; i < 4; i++) {
            float[] values = new float[5];
            java.util.Arrays.fill(values, i);
            writer.add(new TensorInfo("t" + i, DType.F32, new long[] {5}),
                    out -> SafetensorsWriter.writeFully(out, floats(values)));
        }
        assertEquals(2, writer.shardCount());
        assertEquals(List.of(FIRST, SECOND, Checkpoint.INDEX_FILE), writer.write(dir));
    }

    private static java.nio.ByteBuffer floats(float[] values) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer;
    }

    private void rewriteIndex(String from, String to) throws IOException {
        Path index = dir.resolve(Checkpoint.INDEX_FILE);
        Files.writeString(index, Files.readString(index).replace(from, to));
    }

    private String rejection() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> Checkpoint.open(dir).close());
        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        return error.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void readsAcrossShards() {
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertEquals(4, checkpoint.tensors().size());
            assertEquals(2, checkpoint.files().size());
            assertArrayEquals(new float[] {3, 3, 3, 3, 3}, checkpoint.readFloats("t3"));
            assertEquals(dir.resolve(SECOND), checkpoint.fileOf("t3"));
            assertEquals(dir.resolve(FIRST), checkpoint.fileOf("t0"));
        }
    }

    @Test
    void missingShard() throws IOException {
        Files.delete(dir.resolve(SECOND));
        assertMentions(rejection(), "Missing shard", SECOND, "'t2'");
    }

    @Test
    void strayTensorNotInIndex() throws IOException {
        rewriteIndex("\"t3\"", "\"t9\"");
        String message = rejection();
        assertTrue(message.contains("'t3'") || message.contains("'t9'"), message);
    }

    @Test
    void strayTensorInShard() throws IOException {
        Path index = dir.resolve(Checkpoint.INDEX_FILE);
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) io.magicvl.core.Json.MAPPER.readTree(index.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("weight_map")).remove("t3");
        Files.write(index, io.magicvl.core.Json.MAPPER.writeValueAsBytes(root));
        assertMentions(rejection(), "'t3'", "not listed");
    }

    @Test
    void shardNameEscapingFolder() throws IOException {
        for (String escape : List.of("../" + SECOND, "/tmp/" + SECOND, "sub/" + SECOND, "..")) {
            writeShardedCheckpoint();
            rewriteIndex("\"" + SECOND + "\"", "\"" + escape + "\"");
            assertMentions(rejection(), "not a plain file name", escape);
        }
    }

    @Test
    void tensorInTwoShards() throws IOException {
        new SafetensorsWriter().addFloats("t0", DType.F32, new long[] {1}, new float[] {1})
                .addFloats("t2", DType.F32, new long[] {5}, new float[5])
                .addFloats("t3", DType.F32, new long[] {5}, new float[5])
                .write(dir.resolve(SECOND));
        assertMentions(rejection(), "'t0'", "two shards", FIRST, SECOND);
    }

    @Test
    void mappedTensorMissingFromShard() throws IOException {
        new SafetensorsWriter().addFloats("t2", DType.F32, new long[] {5}, new float[5]).write(dir.resolve(SECOND));
        assertMentions(rejection(), "'t3'", "does not contain it");
    }
}
