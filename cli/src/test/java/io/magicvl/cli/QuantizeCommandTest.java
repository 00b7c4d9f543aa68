package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QuantizeCommandTest {
    @TempDir
    Path dir;

    private String runExpectingExit(int expected, String recipe) throws Exception {
        Path file = dir.resolve("recipe.yaml");
        Files.writeString(file, recipe);
        CommandLine commandLine = Main.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute("quantize", dir.resolve("no-export").toString(), "--recipe", file.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(expected, exit, err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may be written");
        return err.toString();
    }

    @Test
    void unknownSchemeFailsBeforeReadingExport() throws Exception {
        String err = runExpectingExit(2, "quantize:\n  components:\n    vision: {scheme: int2-weight}\n");
        assertTrue(err.contains("quantize.components.vision.scheme"), err);
        assertTrue(err.contains("int2-weight"), err);
        assertTrue(err.contains("int8-static"), err);
    }

    @Test
    void impossibleBlockSizeFailsBeforeReadingExport() throws Exception {
        String err = runExpectingExit(2, "quantize:\n  components:\n    decoder: {scheme: int4-weight, block_size: 100}\n");
        assertTrue(err.contains("block_size: 100"), err);
        assertTrue(err.contains("[16, 32, 64, 128, 256]"), err);
    }

    @Test
    void unknownKeyNamesAllowedKeys() throws Exception {
        String err = runExpectingExit(2, "quantize:\n  components:\n    decoder: {scheme: int4-weight, blocksize: 32}\n");
        assertTrue(err.contains("quantize.components.decoder.blocksize"), err);
        assertTrue(err.contains("block_size"), err);
    }

    @Test
    void budgetWithoutSensitivityIsUsageError() throws Exception {
        Path file = dir.resolve("recipe.yaml");
        Files.writeString(file, "quantize:\n  components:\n    decoder: {scheme: int4-weight}\n");
        CommandLine commandLine = Main.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("quantize", dir.toString(), "--recipe", file.toString(), "--out",
                dir.resolve("out").toString(), "--error-budget", "0.01");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--sensitivity"), err.toString());
    }
}
