package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeviceCommandTest {
    @TempDir
    Path temp;

    @Test
    void listReportsUnreachableServer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CommandLine commandLine = Main.newCommandLine();
        StringWriter captured = new StringWriter();
        commandLine.setOut(new PrintWriter(captured));
        int code = commandLine.execute("device", "list", "--adb", "127.0.0.1:" + closedPort, "--local-dir", temp.toString());
        String output = captured.toString();
        assertEquals(0, code);
        assertTrue(output.contains("local"), output);
        assertTrue(output.contains("127.0.0.1:" + closedPort), output);
        assertTrue(output.contains("unreachable"), output);
    }

    @Test
    void benchWithoutProfileIsInvalidInput() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute("device", "bench", temp.toString(), "--out", temp.resolve("out").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--profile"), err.toString());
    }

    @Test
    void pushToUnreachableServerNamesIt() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute("device", "push", temp.toString(), "--device", "127.0.0.1:1/nosuch");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("Cannot reach the adb server at 127.0.0.1:1"), err.toString());
    }
}
