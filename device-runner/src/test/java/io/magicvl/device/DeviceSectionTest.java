package io.magicvl.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.Recipe;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.device.profile.DeviceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSectionTest {
    @TempDir
    Path temp;

    @Test
    void recipeGatesExtendProfile() throws Exception {
        Path recipeFile = temp.resolve("model.yaml");
        Path profile = TestPaths.repoRoot().resolve("recipes/devices/android-flagship.yaml");
        Files.writeString(recipeFile, "device:\n  profile: " + profile + "\n  baseline: exports/base\n  runs: 7\n"
                + "  gates:\n    vision_latency_s: {max: 0.1, stat: p90, image: 384x384}\n"
                + "    peak_memory_mb: {max: 2048}\n");
        Recipe recipe = Recipe.load(recipeFile);
        DeviceSection section = DeviceSection.of(recipe);
        DeviceProfile merged = section.profile(recipe);

        assertEquals(7, section.runs());
        assertEquals(temp.resolve("exports/base"), recipe.resolve(section.baseline()));
        assertEquals(0.1, merged.gates().get("vision_latency_s").max());
        assertEquals("p90", merged.gates().get("vision_latency_s").stat());
        assertEquals(0.411, merged.gates().get("energy_saving").min());
        assertEquals(2048.0, merged.gates().get("peak_memory_mb").max());
    }

    @Test
    void unknownDeviceKeyIsRejected() throws Exception {
        Path recipeFile = temp.resolve("typo.yaml");
        Files.writeString(recipeFile, "device:\n  profil: devices/local.yaml\n");
        Recipe recipe = Recipe.load(recipeFile);
        MagicvlException error = assertThrows(MagicvlException.class, () -> DeviceSection.of(recipe));
        assertTrue(error.getMessage().contains("profil"), error.getMessage());
    }
}
