package io.magicvl.device.adb;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that accepts a sync session and then stops reading must not hang the pushing client. */
class AdbStallTest {

    @Test
    void stalledPushFailsInsteadOfHanging() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> acceptTwoRequestsThenStall(listener), "stalling-server");
            server.setDaemon(true);
            server.start();
            AdbClient client = new AdbClient(new AdbServerAddress("127.0.0.1", listener.getLocalPort()),
                    Duration.ofSeconds(2), Duration.ofSeconds(1));

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                SyncSession sync = client.sync("stalled");
                assertThrows(IOException.class, () -> sync.send(zeros(1L << 30), "/data/local/tmp/big", 0644, 0, null));
            });
        }
    }

    private static void acceptTwoRequestsThenStall(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 2; i++) {
                byte[] length = new byte[4];
                in.readFully(length);
                in.readFully(new byte[Integer.parseInt(new String(length, StandardCharsets.US_ASCII), 16)]);
                out.write("OKAY".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            Thread.sleep(60_000);
        } catch (IOException | InterruptedException e) {
            // The client closed the connection: the test is over.
        }
    }

    private static InputStream zeros(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
