package io.magicvl.device.loopback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.magicvl.device.adb.AdbClient;
import io.magicvl.device.adb.AdbDevice;
import io.magicvl.device.adb.ShellResult;
import io.magicvl.device.adb.SyncEntry;
import io.magicvl.device.adb.SyncSession;
import io.magicvl.device.adb.SyncStat;
import io.magicvl.device.testing.AdbTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adb client against Debian's real adb server and the loopback device. */
class LoopbackDeviceAdbTest {
    @TempDir
    static Path temp;

    private static AdbTestServer server;
    private static LoopbackDevice device;
    private static AdbClient client;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(AdbTestServer.adbAvailable(), "/usr/bin/adb is not installed");
        device = LoopbackDevice.start(0, temp.resolve("device"));
        server = AdbTestServer.start(temp.resolve("home"));
        server.connect(device);
        client = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void devicesListShowsLoopbackModel() throws Exception {
        List<AdbDevice> devices = client.devices();
        AdbDevice found = devices.stream().filter(d -> d.serial().equals(device.serial())).findFirst().orElseThrow();
        assertEquals("device", found.state());
        assertEquals("magicvl_loopback", found.properties().get("product"));
        assertEquals("magicvl_loopback", found.model());
        assertTrue(client.features(device.serial()).contains("shell_v2"));
    }

    @Test
    void shellV2SeparatesStreamsAndExitCode() throws Exception {
        ShellResult result = client.shell(device.serial(), "echo hello; echo err >&2; exit 3");
        assertEquals(3, result.exitCode());
        assertEquals("hello\n", result.stdoutText());
        assertEquals("err\n", result.stderrText());
    }

    @Test
    void shellRunsInsideSandboxWorkDir() throws Exception {
        ShellResult result = client.shell(device.serial(), "cd /data/local/tmp && pwd");
        assertEquals(0, result.exitCode());
        assertEquals(device.sandbox().workDir().toString(), result.stdoutText().strip());
    }

    @Test
    void shellRejectsPathEscapingRoot() throws Exception {
        ShellResult result = client.shell(device.serial(), "cat /data/../../etc/passwd");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderrText().contains("/data/../../etc/passwd"), result.stderrText());
    }

    @Test
    void execReturnsRawStdout() throws Exception {
        byte[] output = client.exec(device.serial(), "printf 'a\\0b'");
        assertArrayEquals(new byte[] {'a', 0, 'b'}, output);
    }

    @Test
    void dumpsysThermalReadsStatusFile() throws Exception {
        Files.writeString(device.sandbox().map(DeviceSandbox.THERMAL_STATUS), "2\n");
        try {
            ShellResult result = client.shell(device.serial(), "dumpsys thermalservice");
            assertTrue(result.stdoutText().contains("Thermal Status: 2"), result.stdoutText());
        } finally {
            Files.writeString(device.sandbox().map(DeviceSandbox.THERMAL_STATUS), "0\n");
        }
    }

    @Test
    void syncSendStatRecvRoundTrip() throws Exception {
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        Path local = temp.resolve("payload.bin");
        Files.write(local, content);
        try (SyncSession sync = client.sync(device.serial())) {
            sync.send(local, "/data/local/tmp/sync/payload.bin", 0644, null);
            SyncStat stat = sync.stat("/data/local/tmp/sync/payload.bin");
            assertTrue(stat.isRegularFile());
            assertEquals(content.length, stat.size());
            assertFalse(sync.stat("/data/local/tmp/sync/missing").exists());
            List<SyncEntry> entries = sync.list("/data/local/tmp/sync");
            assertEquals(List.of("payload.bin"), entries.stream().map(SyncEntry::name).toList());
            Path back = temp.resolve("back.bin");
            sync.recv("/data/local/tmp/sync/payload.bin", back);
            assertArrayEquals(content, Files.readAllBytes(back));
        }
        assertArrayEquals(content, Files.readAllBytes(device.sandbox().map("/data/local/tmp/sync/payload.bin")));
    }

    @Test
    void poolQualifiesSerialsByServer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        io.magicvl.device.transport.DevicePool pool = new io.magicvl.device.transport.DevicePool(
                List.of(server.address(), new io.magicvl.device.adb.AdbServerAddress("127.0.0.1", closedPort)),
                temp.resolve("local"));

        List<io.magicvl.device.transport.DeviceEntry> entries = pool.list();
        assertEquals(List.of("local", server.address() + "/" + device.serial(), "127.0.0.1:" + closedPort + "/"),
                entries.stream().map(io.magicvl.device.transport.DeviceEntry::qualifiedSerial).toList());
        assertEquals("unreachable", entries.get(2).state());

        try (io.magicvl.device.transport.DeviceTransport qualified = pool.open(server.address() + "/" + device.serial())) {
            assertEquals("ok\n", qualified.shell("echo ok", java.time.Duration.ofSeconds(10)).stdoutText());
        }
        io.magicvl.core.MagicvlException missing = org.junit.jupiter.api.Assertions.assertThrows(
                io.magicvl.core.MagicvlException.class, () -> pool.open(server.address() + "/nosuch"));
        assertTrue(missing.getMessage().contains("nosuch"), missing.getMessage());
    }

    @Test
    void adbBinaryPushAndShellWork() throws Exception {
        Path local = temp.resolve("binary-push.txt");
        Files.writeString(local, "pushed by adb\n", StandardCharsets.UTF_8);
        String output = server.adb("-s", device.serial(), "push", local.toString(), "/data/local/tmp/binary-push.txt");
        assertTrue(output.contains("1 file pushed"), output);
        ShellResult result = client.shell(device.serial(), "cat /data/local/tmp/binary-push.txt");
        assertEquals("pushed by adb\n", result.stdoutText());
    }
}
