package io.magicvl.device.loopback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AdbMessageTest {

    @Test
    void roundTripKeepsFieldsAndSum() throws Exception {
        byte[] payload = "shell,v2,raw:echo hi\0".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AdbMessage(AdbMessage.OPEN, 7, 0, payload).write(out);
        byte[] bytes = out.toByteArray();
        assertEquals(24 + payload.length, bytes.length);
        assertEquals('O', bytes[0]);
        int sum = 0;
        for (byte b : payload) {
            sum += b & 0xFF;
        }
        assertEquals(sum, (bytes[16] & 0xFF) | (bytes[17] & 0xFF) << 8 | (bytes[18] & 0xFF) << 16 | (bytes[19] & 0xFF) << 24);

        AdbMessage read = AdbMessage.read(new DataInputStream(new ByteArrayInputStream(bytes)), 4096);
        assertEquals(AdbMessage.OPEN, read.command());
        assertEquals(7, read.arg0());
        assertEquals("OPEN", read.commandName());
        assertArrayEquals(payload, read.payload());
    }

    @Test
    void badMagicAndOversizedPayloadAreRejected() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AdbMessage(AdbMessage.WRTE, 1, 2, new byte[100]).write(out);
        byte[] bytes = out.toByteArray();
        IOException tooLong = assertThrows(IOException.class,
                () -> AdbMessage.read(new DataInputStream(new ByteArrayInputStream(bytes)), 50));
        assertTrue(tooLong.getMessage().contains("100 bytes"), tooLong.getMessage());
        bytes[20] ^= 1;
        IOException magic = assertThrows(IOException.class,
                () -> AdbMessage.read(new DataInputStream(new ByteArrayInputStream(bytes)), 4096));
        assertTrue(magic.getMessage().contains("magic"), magic.getMessage());
    }

    @Test
    void sandboxMapsAndRejectsEscapes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) {
        DeviceSandbox sandbox = new DeviceSandbox(temp);
        assertEquals(temp.resolve("data/local/tmp/x.bin"), sandbox.map("x.bin"));
        assertEquals("cat " + temp + "/sys/class/power_supply/battery/current_now",
                sandbox.rewriteCommand("cat /sys/class/power_supply/battery/current_now"));
        assertEquals("echo a/data/b", sandbox.rewriteCommand("echo a/data/b"));
        assertThrows(DeviceSandbox.SandboxViolation.class, () -> sandbox.map("/data/../../etc/passwd"));
    }
}
