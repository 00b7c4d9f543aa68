package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome execute(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void missingExportFolderExitsWithInvalidInput(@TempDir Path dir) {
        Path missing = dir.resolve("no-export");

        Outcome outcome = execute("run", missing.toString(), "--question", "What?");

        assertEquals(2, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("Export folder not found: " + missing), outcome.err());
    }

    @Test
    void missingQuestionIsUsageError(@TempDir Path dir) {
        Outcome outcome = execute("run", dir.toString());

        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("--question"), outcome.err());
    }

    @Test
    void helpListsOptions() {
        Outcome outcome = execute("run", "--help");

        assertEquals(0, outcome.exitCode());
        for (String option : new String[] {"--image", "--max-new-tokens", "--threads", "--json", "--dump", "--provider"}) {
            assertTrue(outcome.out().contains(option), "help mentions " + option);
        }
    }

    @Test
    void unknownOptimizationLevelIsRejected(@TempDir Path dir) {
        Outcome outcome = execute("run", dir.toString(), "--question", "Q", "--optimization", "fast");

        assertEquals(2, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("\"fast\""), outcome.err());
    }

    @Test
    void benchRuntimeRejectsMissingExport(@TempDir Path dir) {
        Path missing = dir.resolve("no-export");

        Outcome outcome = execute("bench", "runtime", missing.toString(), "--runs", "1");

        assertEquals(2, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("Export folder not found: " + missing), outcome.err());
    }

    @Test
    void benchRuntimeRejectsZeroRuns(@TempDir Path dir) {
        Outcome outcome = execute("bench", "runtime", dir.toString(), "--runs", "0");

        assertEquals(2, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("at least 1 run"), outcome.err());
    }
}
