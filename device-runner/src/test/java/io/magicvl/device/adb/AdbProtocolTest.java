package io.magicvl.device.adb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdbProtocolTest {

    @Test
    void serverAddressFromEnvironment() {
        assertEquals(new AdbServerAddress("127.0.0.1", 5037), AdbServerAddress.fromEnvironment(Map.of()));
        assertEquals(new AdbServerAddress("127.0.0.1", 6000),
                AdbServerAddress.fromEnvironment(Map.of("ADB_SERVER_SOCKET", "tcp:127.0.0.1:6000")));
        assertEquals(new AdbServerAddress("::1", 5038), AdbServerAddress.parse("[::1]:5038"));
        assertEquals(new AdbServerAddress("127.0.0.1", 5039), AdbServerAddress.parse("5039"));
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> AdbServerAddress.fromEnvironment(Map.of("ADB_SERVER_SOCKET", "localfilesystem:/tmp/adb")));
        assertTrue(error.getMessage().contains("localfilesystem:/tmp/adb"), error.getMessage());
        assertThrows(MagicvlException.class, () -> AdbServerAddress.parse("host:notaport"));
    }

    @Test
    void devicesListParsesStatesAndProperties() {
        String text = "emulator-5554          device product:sdk_gphone64 model:Pixel_7 device:emu64a transport_id:3\n"
                + "R5CT10ABCDE            unauthorized usb:1-1 transport_id:4\n"
                + "0123456789             no permissions (user in plugdev group); see [http://...] usb:1-2\n";
        List<AdbDevice> devices = AdbDevice.parseList(text);
        assertEquals(3, devices.size());
        assertEquals("Pixel_7", devices.get(0).model());
        assertEquals("3", devices.get(0).properties().get("transport_id"));
        assertTrue(devices.get(0).online());
        assertEquals("unauthorized", devices.get(1).state());
        assertTrue(devices.get(2).state().startsWith("no permissions"), devices.get(2).state());
    }

    @Test
    void shellPacketsSplitAcrossReadsDecode() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(ShellProtocol.packet(ShellProtocol.STDOUT, "hel".getBytes(), 0, 3));
        stream.write(ShellProtocol.packet(ShellProtocol.STDERR, "oops\n".getBytes(), 0, 5));
        stream.write(ShellProtocol.packet(ShellProtocol.STDOUT, "lo\n".getBytes(), 0, 3));
        stream.write(ShellProtocol.packet(ShellProtocol.EXIT, new byte[] {(byte) 130}, 0, 1));
        // One byte per read, as a slow transport might deliver them.
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        });
        ShellResult result = ShellProtocol.readUntilExit(in);
        assertEquals(130, result.exitCode());
        assertEquals("hello\n", result.stdoutText());
        assertEquals("oops\n", result.stderrText());
    }

    @Test
    void shellStreamWithoutExitFails() {
        byte[] bytes = ShellProtocol.packet(ShellProtocol.STDOUT, "partial".getBytes(), 0, 7);
        EOFException error = assertThrows(EOFException.class,
                () -> ShellProtocol.readUntilExit(new DataInputStream(new ByteArrayInputStream(bytes))));
        assertTrue(error.getMessage().contains("before the exit code"), error.getMessage());
    }
}
