package io.magicvl.device.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.device.loopback.LoopbackDevice;
import io.magicvl.device.testing.AdbTestServer;
import io.magicvl.device.transport.AdbTransport;
import io.magicvl.device.transport.DeviceGoneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes through Debian's adb server to the loopback device, with injected failures. */
class BundlePusherAdbTest {
    private static final String REMOTE = "/data/local/tmp/magicvl/export";

    @TempDir
    Path temp;

    private AdbTestServer server;
    private LoopbackDevice device;
    private AdbTransport transport;
    private Path export;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(AdbTestServer.adbAvailable(), "/usr/bin/adb is not installed");
        device = LoopbackDevice.start(0, temp.resolve("device"));
        server = AdbTestServer.start(temp.resolve("home"));
        server.connect(device);
        transport = new AdbTransport(server.client(), device.serial());
        export = temp.resolve("export");
        Files.createDirectories(export.resolve("sub"));
        Random random = new Random(42);
        write(export.resolve("a-vision.onnx"), 150_000, random);
        write(export.resolve("b-decoder.onnx"), 300_000, random);
        write(export.resolve("sub/c-tokenizer.json"), 5_000, random);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void pushSendsAllThenSkipsUnchanged() throws Exception {
        BundlePusher pusher = new BundlePusher(transport);
        PushResult first = pusher.push(export, REMOTE);
        assertEquals(List.of("a-vision.onnx", "b-decoder.onnx", "sub/c-tokenizer.json"), first.sent());
        assertEquals(455_000, first.bytesSent());
        assertSameFiles();

        PushResult second = pusher.push(export, REMOTE);
        assertEquals(List.of(), second.sent());
        assertEquals(3, second.skipped().size());

        Files.write(export.resolve("sub/c-tokenizer.json"), new byte[] {1, 2, 3});
        PushResult third = pusher.push(export, REMOTE);
        assertEquals(List.of("sub/c-tokenizer.json"), third.sent());
        assertSameFiles();
        assertTrue(Files.isRegularFile(device.sandbox().map(REMOTE + "/" + BundlePusher.REMOTE_MANIFEST)));
    }

    @Test
    void pushResumesAfterConnectionDrop() throws Exception {
        device.faults().dropConnectionDuringPush("b-decoder.onnx" + BundlePusher.PART_SUFFIX, 100_000);
        BundlePusher pusher = new BundlePusher(transport);
        DeviceGoneException error = assertThrows(DeviceGoneException.class, () -> pusher.push(export, REMOTE));
        assertTrue(error.getMessage().contains("b-decoder.onnx"), error.getMessage());
        assertFalse(Files.exists(device.sandbox().map(REMOTE + "/b-decoder.onnx")));

        server.connect(device);
        PushResult resumed = pusher.push(export, REMOTE);
        assertEquals(List.of("a-vision.onnx"), resumed.skipped());
        assertEquals(List.of("b-decoder.onnx", "sub/c-tokenizer.json"), resumed.sent());
        assertSameFiles();
    }

    @Test
    void largeFileResumesAtFirstMissingPiece() throws Exception {
        int piece = 64 * 1024;
        String secondThird = "b-decoder.onnx" + BundlePusher.PIECES_SUFFIX + "/000002" + BundlePusher.PART_SUFFIX;
        device.faults().dropConnectionDuringPush(secondThird, 1000);
        BundlePusher pusher = new BundlePusher(transport, piece);
        assertThrows(DeviceGoneException.class, () -> pusher.push(export, REMOTE));
        assertTrue(Files.isRegularFile(device.sandbox().map(REMOTE + "/b-decoder.onnx" + BundlePusher.PIECES_SUFFIX
                + "/000001")));

        server.connect(device);
        PushResult resumed = pusher.push(export, REMOTE);

        assertEquals(List.of("b-decoder.onnx", "sub/c-tokenizer.json"), resumed.sent());
        assertEquals(300_000 - 2L * piece + 5_000, resumed.bytesSent());
        assertFalse(Files.exists(device.sandbox().map(REMOTE + "/b-decoder.onnx" + BundlePusher.PIECES_SUFFIX)));
        assertSameFiles();
    }

    @Test
    void corruptedPushFailsNamingFile() throws Exception {
        device.faults().corruptNextPush("b-decoder.onnx" + BundlePusher.PART_SUFFIX);
        BundlePusher pusher = new BundlePusher(transport);
        MagicvlException error = assertThrows(MagicvlException.class, () -> pusher.push(export, REMOTE));
        assertEquals(MagicvlException.Kind.CHECK_FAILED, error.kind());
        assertTrue(error.getMessage().contains(REMOTE + "/b-decoder.onnx"), error.getMessage());
        assertTrue(error.getMessage().contains(FileManifest.sha256(export.resolve("b-decoder.onnx"))), error.getMessage());

        PushResult retry = pusher.push(export, REMOTE);
        assertEquals(List.of("b-decoder.onnx"), retry.sent());
        assertSameFiles();
    }

    private void assertSameFiles() throws IOException {
        for (FileManifest.Entry entry : FileManifest.of(export).files()) {
            Path remote = device.sandbox().map(REMOTE + "/" + entry.path());
            assertArrayEquals(Files.readAllBytes(export.resolve(entry.path())), Files.readAllBytes(remote), entry.path());
        }
    }

    private static void write(Path file, int size, Random random) throws IOException {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }
}
