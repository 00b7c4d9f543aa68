package io.magicvl.core.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed file is rejected with a message naming the file, the tensor and the problem. */
class MalformedSafetensorsTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Builds a file from header text and a zero-filled data buffer of {@code dataLength} bytes. */
    private Path file(String header, int dataLength) throws IOException {
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + headerBytes.length + dataLength).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(headerBytes.length).put(headerBytes);
        return write("bad.safetensors", buffer.array());
    }

    private String rejection(Path file) {
        MagicvlException error = assertThrows(MagicvlException.class, () -> Checkpoint.open(file).close());
        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        return error.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void tooShortFile() throws IOException {
        assertMentions(rejection(write("short.safetensors", new byte[5])), "5 bytes long");
    }

    @Test
    void headerAboveLimit() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L);
        assertMentions(rejection(write("big.safetensors", buffer.array())), "100000001", "limit");
    }

    @Test
    void headerLongerThanFile() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        assertMentions(rejection(write("trunc.safetensors", buffer.array())), "header of 1000 bytes", "truncated");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] header = {'{', (byte) 0xC3, (byte) 0x28, '}', ' ', ' ', ' ', ' '};
        ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8).put(header);
        assertMentions(rejection(write("utf.safetensors", buffer.array())), "UTF-8");
    }

    @Test
    void headerNotObject() throws IOException {
        assertMentions(rejection(file("[1,2]   ", 0)), "start with '{'");
    }

    @Test
    void headerInvalidJson() throws IOException {
        assertMentions(rejection(file("{\"a\": {\"dtype\": \"F32\"", 0)), "not valid JSON");
        assertMentions(rejection(file("{} trailing", 0)), "not valid JSON");
    }

    @Test
    void duplicateTensorName() throws IOException {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertMentions(rejection(file("{\"w\":" + entry + ",\"w\":" + entry + "}", 4)), "twice", "'w'");
    }

    @Test
    void metadataWithNumber() throws IOException {
        assertMentions(rejection(file("{\"__metadata__\":{\"step\":5}}", 0)), "__metadata__", "step");
    }

    @Test
    void unknownAndUnsupportedDtype() throws IOException {
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4)),
                "tensor 'w'", "unknown dtype 'F12'");
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F4\",\"shape\":[2],\"data_offsets\":[0,1]}}", 1)),
                "tensor 'w'", "F4", "dequantize");
    }

    @Test
    void entryFieldsChecked() throws IOException {
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4)),
                "tensor 'w'", "unknown field 'x'");
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)), "tensor 'w'", "data_offsets");
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)),
                "tensor 'w'", "shape contains -1");
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)),
                "tensor 'w'", "1.5");
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)),
                "tensor 'w'", "array of 2 integers");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4)),
                "tensor 'w'", "beyond the data buffer of 4 bytes");
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4)),
                "tensor 'w'", "begin is after end");
    }

    @Test
    void byteSizeDoesNotMatchShape() throws IOException {
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,4]}}", 4)),
                "tensor 'w'", "(4 bytes)", "needs 6 bytes");
    }

    @Test
    void byteSizeOverflow() throws IOException {
        String shape = "[281474976710655,281474976710655]";
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,4]}}", 4)),
                "tensor 'w'", "overflows");
    }

    @Test
    void gapBetweenTensors() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertMentions(rejection(file(header, 12)), "gap of 4 bytes", "'a'", "'b'");
    }

    @Test
    void overlappingTensors() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertMentions(rejection(file(header, 8)), "'b'", "overlapping tensor 'a'");
    }

    @Test
    void trailingBytes() throws IOException {
        assertMentions(rejection(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6)),
                "2 trailing bytes");
    }

    @Test
    void missingFileAndFolder() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> Checkpoint.open(dir.resolve("nope")));
        assertMentions(error.getMessage(), "not found", "nope");
        MagicvlException empty = assertThrows(MagicvlException.class, () -> Checkpoint.open(dir));
        assertMentions(empty.getMessage(), "No weights", "model.safetensors");
    }
}
