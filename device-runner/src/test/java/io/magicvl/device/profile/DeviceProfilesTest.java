package io.magicvl.device.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfilesTest {
    @TempDir
    Path temp;

    @Test
    void everyShippedProfileLoads() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(TestPaths.repoRoot().resolve("recipes/devices"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files.toString());
        for (Path file : files) {
            DeviceProfile profile = DeviceProfiles.load(file);
            assertEquals(file.getFileName().toString().replace(".yaml", ""), profile.name());
        }
    }

    @Test
    void flagshipCarriesPaperTargets() {
        DeviceProfile profile = DeviceProfiles.load(TestPaths.repoRoot().resolve("recipes/devices/android-flagship.yaml"));
        GateSpec vision = profile.gates().get("vision_latency_s");
        assertEquals(0.09, vision.max());
        assertEquals("384x384", vision.image());
        assertEquals(0.411, profile.gates().get("energy_saving").min());
        assertEquals(0.03, profile.gates().get("energy_saving").tolerance());
        assertEquals(20.0, profile.gates().get("decode_tokens_per_s").min());
        assertEquals("app_process", profile.launcher().kind());
        assertEquals("battery", profile.energy().source());
    }

    @Test
    void unknownKeyNamesFileAndKey() throws Exception {
        Path file = temp.resolve("typo.yaml");
        Files.writeString(file, "name: typo\nenergy:\n  source: battery\n  sample_intervall_ms: 100\n");
        MagicvlException error = assertThrows(MagicvlException.class, () -> DeviceProfiles.load(file));
        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("'sample_intervall_ms'"), error.getMessage());
        assertTrue(error.getMessage().contains("'energy.sample_intervall_ms'"), error.getMessage());
    }

    @Test
    void unknownGateMetricIsRejected() throws Exception {
        Path file = temp.resolve("gate.yaml");
        Files.writeString(file, "gates:\n  vision_latency_ms: {max: 90}\n");
        MagicvlException error = assertThrows(MagicvlException.class, () -> DeviceProfiles.load(file));
        assertTrue(error.getMessage().contains("gates.vision_latency_ms"), error.getMessage());
    }

    @Test
    void gateImageMustBeBenchmarked() throws Exception {
        Path file = temp.resolve("image.yaml");
        Files.writeString(file, "protocol:\n  images: [384x384]\ngates:\n  vision_latency_s: {max: 0.09, image: 768x768}\n");
        MagicvlException error = assertThrows(MagicvlException.class, () -> DeviceProfiles.load(file));
        assertTrue(error.getMessage().contains("768x768"), error.getMessage());
    }

    @Test
    void defaultsFillMissingSections() throws Exception {
        Path file = temp.resolve("minimal.yaml");
        Files.writeString(file, "os: android\n");
        DeviceProfile profile = DeviceProfiles.load(file);
        assertEquals("minimal", profile.name());
        assertEquals("app_process", profile.launcher().kind());
        assertEquals("android", profile.thermal().source());
        assertEquals(5, profile.protocol().runs());
        assertEquals("none", profile.energy().source());
    }
}
