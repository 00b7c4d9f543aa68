package io.magicvl.device.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.device.loopback.DeviceSandbox;
import io.magicvl.device.loopback.LoopbackDevice;
import io.magicvl.device.profile.DeviceProfile;
import io.magicvl.device.profile.DeviceProfiles;
import io.magicvl.device.testing.AdbTestServer;
import io.magicvl.device.transport.AdbTransport;
import io.magicvl.device.transport.LocalTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bench protocol with the nano export (stage 4, the candidate) against the nano
 * stage-3 export (the baseline), on the loopback device through Debian's adb and on local.
 */
class DeviceBenchTest {
    @TempDir
    static Path temp;

    private static Path candidate;
    private static Path baseline;
    private static AdbTestServer server;
    private static LoopbackDevice device;

    @BeforeAll
    static void convertAndConnect() throws Exception {
        candidate = convert("stage4-advanced");
        baseline = convert("stage3-instruct");
        if (AdbTestServer.adbAvailable()) {
            device = LoopbackDevice.start(0, temp.resolve("device"));
            server = AdbTestServer.start(temp.resolve("home"));
            server.connect(device);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void loopbackBenchWritesReportsAndGates() throws Exception {
        assumeTrue(device != null, "/usr/bin/adb is not installed");
        DeviceProfile profile = profile("loopback-test", "android",
                "gates:\n  vision_latency_s: {max: 30, image: 128x128}\n  decode_tokens_per_s: {min: 1000000}\n");
        Path out = temp.resolve("loopback-report");
        BenchReport report = new DeviceBench(new AdbTransport(server.client(), device.serial()),
                new BenchOptions(candidate, baseline, profile, out, 2, null, null, false), BenchListener.NONE).run();

        assertEquals("failed", report.status());
        assertEquals(List.of("baseline", "candidate", "baseline", "candidate"),
                report.runs().stream().map(RunOutcome::model).toList());
        RunOutcome first = report.runs().get(1);
        RunAnalysis.ImageMetrics image = first.images().get("128x128");
        assertEquals(2, image.answers());
        JsonNode preprocess = Json.MAPPER.readTree(candidate.resolve("preprocess.json").toFile());
        int tokensPerSide = 128 / preprocess.get("token_pixels").asInt();
        assertEquals(128 <= preprocess.get("tile_size").asInt() ? 1 : -1, image.tiles());
        assertEquals(tokensPerSide * tokensPerSide, image.visualTokens());
        assertTrue(image.visionLatencyS() > 0, "vision " + image.visionLatencyS());
        assertTrue(image.visionLatencyS() < 30, "vision " + image.visionLatencyS());
        assertTrue(first.modelLoadS() > 0, "model load");
        assertTrue(first.peakMemoryMb() > 10, "peak memory " + first.peakMemoryMb());
        assertFalse(first.energy().available());
        assertTrue(report.gates().get(0).passed(), report.gates().get(0).message());
        assertFalse(report.gates().get(1).passed(), report.gates().get(1).message());
        assertTrue(report.comparisons().containsKey("vision_latency_ratio@128x128"));

        JsonNode json = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        assertEquals("failed", json.get("status").asText());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("failures=\"1\""), junit);
        assertTrue(junit.contains("<failure message=\"FAIL decode_tokens_per_s at 128x128"), junit);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg"), "histogram in report.html");
        assertTrue(html.contains("vision latency, 128x128"), "histogram title in report.html");
    }

    @Test
    void thermalEventDiscardsAndRetriesRun() throws Exception {
        assumeTrue(device != null, "/usr/bin/adb is not installed");
        Path status = device.sandbox().map(DeviceSandbox.THERMAL_STATUS);
        BenchListener injector = new BenchListener() {
            @Override
            public void attemptStarting(String model, int run, int attempt) {
                if (run == 0 && attempt == 1) {
                    write(status, "3\n");
                }
            }

            @Override
            public void attemptFinished(String model, int run, int attempt, boolean valid) {
                write(status, "0\n");
            }
        };
        DeviceProfile profile = profile("thermal-test", "android", "");
        BenchReport report = new DeviceBench(new AdbTransport(server.client(), device.serial()),
                new BenchOptions(candidate, null, profile, temp.resolve("thermal-report"), 1, null, null, false), injector)
                .run();

        assertEquals("passed", report.status());
        List<Attempt> attempts = report.runs().get(0).attempts();
        assertEquals(2, attempts.size());
        assertFalse(attempts.get(0).valid());
        assertTrue(attempts.get(0).reason().contains("thermal status 3 (severe)"), attempts.get(0).reason());
        assertTrue(attempts.get(1).valid());
    }

    @Test
    void persistentThrottlingFailsAfterRetries() throws Exception {
        assumeTrue(device != null, "/usr/bin/adb is not installed");
        Path status = device.sandbox().map(DeviceSandbox.THERMAL_STATUS);
        BenchListener alwaysHot = new BenchListener() {
            @Override
            public void attemptStarting(String model, int run, int attempt) {
                write(status, "4\n");
            }

            @Override
            public void attemptFinished(String model, int run, int attempt, boolean valid) {
                write(status, "0\n");
            }
        };
        Path out = temp.resolve("hot-report");
        DeviceProfile profile = profile("hot-test", "android", "");
        MagicvlException error = assertThrows(MagicvlException.class, () -> new DeviceBench(
                new AdbTransport(server.client(), device.serial()),
                new BenchOptions(candidate, null, profile, out, 1, null, null, false), alwaysHot).run());

        assertTrue(error.getMessage().contains("throttled on all 2 attempts"), error.getMessage());
        assertTrue(error.getMessage().contains("thermal status 4 (critical)"), error.getMessage());
        assertEquals("incomplete", Json.MAPPER.readTree(out.resolve("report.json").toFile()).get("status").asText());
    }

    @Test
    void hotDeviceTimesOutBeforeRun() throws Exception {
        assumeTrue(device != null, "/usr/bin/adb is not installed");
        Path status = device.sandbox().map(DeviceSandbox.THERMAL_STATUS);
        write(status, "3\n");
        try {
            Path file = temp.resolve("cooldown.yaml");
            Files.writeString(file, "os: android\nlauncher:\n  kind: java\nthermal:\n  cooldown_timeout_s: 1\n"
                    + "  poll_interval_ms: 200\nprotocol:\n  images: [128x128]\n");
            MagicvlException error = assertThrows(MagicvlException.class, () -> new DeviceBench(
                    new AdbTransport(server.client(), device.serial()),
                    new BenchOptions(candidate, null, DeviceProfiles.load(file), temp.resolve("cooldown-report"), 1, null,
                            null, false), BenchListener.NONE).run());
            assertTrue(error.getMessage().contains("did not cool down within 1 s"), error.getMessage());
            assertTrue(error.getMessage().contains("thermal status 3 (severe)"), error.getMessage());
        } finally {
            write(status, "0\n");
        }
    }

    @Test
    void deviceDisappearingKeepsPartialResults() throws Exception {
        assumeTrue(AdbTestServer.adbAvailable(), "/usr/bin/adb is not installed");
        LoopbackDevice vanishing = LoopbackDevice.start(0, temp.resolve("vanishing"));
        try {
            server.connect(vanishing);
            BenchListener unplug = new BenchListener() {
                @Override
                public void attemptFinished(String model, int run, int attempt, boolean valid) {
                    if (run == 0 && model.equals("candidate")) {
                        vanishing.disappear();
                    }
                }
            };
            Path out = temp.resolve("vanish-report");
            DeviceProfile profile = profile("vanish-test", "android", "");
            MagicvlException error = assertThrows(MagicvlException.class, () -> new DeviceBench(
                    new AdbTransport(server.client(), vanishing.serial()),
                    new BenchOptions(candidate, baseline, profile, out, 3, null, null, false), unplug).run());

            assertEquals(MagicvlException.Kind.CHECK_FAILED, error.kind());
            assertTrue(error.getMessage().contains("stopped answering"), error.getMessage());
            assertTrue(error.getMessage().contains(out.toString()), error.getMessage());
            JsonNode json = Json.MAPPER.readTree(out.resolve("report.json").toFile());
            assertEquals("incomplete", json.get("status").asText());
            assertEquals(2, json.get("runs").size());
        } finally {
            vanishing.close();
        }
    }

    @Test
    void loopbackBatteryEnergyIntegrates() throws Exception {
        assumeTrue(device != null, "/usr/bin/adb is not installed");
        Path battery = device.sandbox().map(DeviceSandbox.BATTERY_DIR);
        Files.createDirectories(battery);
        // Kernel convention: µA, µV, negative while discharging; 0.5 A at 4.0 V is 2.0 W.
        Files.writeString(battery.resolve("current_now"), "-500000\n");
        Files.writeString(battery.resolve("voltage_now"), "4000000\n");
        Files.writeString(battery.resolve("status"), "Discharging\n");
        DeviceProfile profile = profile("battery-test", "android", "",
                "energy:\n  source: battery\n  convention: uA,uV,discharge-negative\n  idle_seconds: 0.3\n"
                        + "  sample_interval_ms: 20\n");
        try {
            BenchReport report = new DeviceBench(new AdbTransport(server.client(), device.serial()),
                    new BenchOptions(candidate, null, profile, temp.resolve("battery-report"), 1, null, null, false),
                    BenchListener.NONE).run();

            io.magicvl.device.energy.EnergyResult energy = report.runs().get(0).energy();
            assertTrue(energy.available(), energy.reason());
            assertEquals(2.0, energy.idleWatts(), 1e-9);
            assertEquals(2.0 * energy.seconds(), energy.grossJoules(), 1e-9);
            assertEquals(0.0, energy.netJoules(), 1e-9);
            assertEquals(2, energy.images());
            assertEquals("uA, uV, discharge negative", energy.convention());
        } finally {
            io.magicvl.core.io.OutputPaths.deleteRecursively(battery);
        }
    }

    @Test
    void localBenchComparesWithBaseline() throws Exception {
        DeviceProfile profile = profile("local-test", "linux",
                "gates:\n  vision_latency_ratio: {max: 100, image: 128x128}\n  model_load_s: {max: 120}\n");
        Path out = temp.resolve("local-report");
        BenchReport report = new DeviceBench(new LocalTransport(temp.resolve("local-device")),
                new BenchOptions(candidate, baseline, profile, out, 2, null, null, false), BenchListener.NONE).run();

        assertEquals("passed", report.status(), report.gates().toString());
        assertEquals(4, report.runs().size());
        assertEquals("local", report.device());
        assertTrue(Double.isFinite(report.comparisons().get("vision_latency_ratio@128x128").estimate()));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    private static DeviceProfile profile(String name, String os, String gates) throws IOException {
        return profile(name, os, gates, "energy:\n  source: none\n  idle_seconds: 0.05\n");
    }

    private static DeviceProfile profile(String name, String os, String gates, String energy) throws IOException {
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, "name: " + name + "\nos: " + os + "\nlauncher:\n  kind: java\n"
                + "thermal:\n  source: " + (os.equals("android") ? "android" : "none") + "\n  poll_interval_ms: 100\n"
                + "  cooldown_timeout_s: 20\n  max_retries: 1\n"
                + "protocol:\n  warmup: 1\n  iterations: 2\n  max_new_tokens: 4\n  images: [128x128]\n"
                + "threads:\n  intra_op: 1\n"
                + energy + gates, StandardCharsets.UTF_8);
        return DeviceProfiles.load(file);
    }

    private static Path convert(String stage) {
        Path out = temp.resolve("export-" + stage);
        Converter.convert(new ConvertOptions(TestPaths.nanoRun().resolve(stage), out, "fp32", null, ParityMode.OFF, false));
        return out;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
