package io.magicvl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.synth.SynthSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void tinyThenInspectAndBench() throws IOException {
        Path out = dir.resolve("tiny");
        CommandRun synth = CommandRun.of("synth", "--arch", "internvl2_5-2b", "--tiny", "--out", out.toString(), "--seed", "3");
        assertEquals(0, synth.exitCode(), synth.err());
        assertTrue(synth.out().contains("Wrote"), synth.out());

        CommandRun inspect = CommandRun.of("inspect", "--json", out.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        JsonNode report = Json.MAPPER.readTree(inspect.out());
        assertEquals(SynthSpec.tiny("internvl2_5-2b").totalParameters(), report.get("total_parameters").longValue());
        assertTrue(report.get("synthetic").booleanValue());

        CommandRun bench = CommandRun.of("bench", "read", "--json", out.toString());
        assertEquals(0, bench.exitCode(), bench.err());
        JsonNode result = Json.MAPPER.readTree(bench.out());
        assertEquals(report.get("total_bytes").longValue(), result.get("tensor_bytes").longValue());
        assertEquals(64, result.get("digest").textValue().length());
    }

    @Test
    void existingOutputNeedsForce() {
        Path out = dir.resolve("nano");
        assertEquals(0, CommandRun.of("synth", "--arch", "magicvl-nano", "--out", out.toString()).exitCode());
        CommandRun again = CommandRun.of("synth", "--arch", "magicvl-nano", "--out", out.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(0, CommandRun.of("synth", "--arch", "magicvl-nano", "--out", out.toString(), "--force").exitCode());
    }

    @Test
    void badArgumentsAreInvalidInput() {
        CommandRun arch = CommandRun.of("synth", "--arch", "llava", "--out", dir.resolve("x").toString());
        assertEquals(2, arch.exitCode());
        assertTrue(arch.err().contains("'llava'") && arch.err().contains("magicvl-2b"), arch.err());
        CommandRun dtype = CommandRun.of("synth", "--arch", "magicvl-nano", "--dtype", "int8", "--out", dir.resolve("y").toString());
        assertEquals(2, dtype.exitCode());
        assertTrue(dtype.err().contains("--dtype"), dtype.err());
        CommandRun missing = CommandRun.of("synth", "--arch", "magicvl-nano");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--out"), missing.err());
        CommandRun bench = CommandRun.of("bench");
        assertEquals(2, bench.exitCode());
        assertTrue(bench.err().contains("read"), bench.err());
    }
}
