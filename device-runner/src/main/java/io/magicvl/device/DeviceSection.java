package io.magicvl.device;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.Recipe;
import io.magicvl.device.profile.DeviceProfile;
import io.magicvl.device.profile.DeviceProfiles;
import io.magicvl.device.profile.GateSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recipe's {@code device} section: the device profile to benchmark on, the baseline export,
 * the runs per model, and gates that add to or replace the profile's gates of the same metric.
 * Paths are relative to the recipe's folder.
 */
public record DeviceSection(String profile, String baseline, Integer runs, Map<String, GateSpec> gates, String powerTrace) {

    /** Binds the section of {@code recipe}; an absent section gives an empty one. */
    public static DeviceSection of(Recipe recipe) {
        return recipe.findSection("device", DeviceSection.class)
                .orElse(new DeviceSection(null, null, null, null, null));
    }

    /** Loads the named profile and applies this section's gates. */
    public DeviceProfile profile(Recipe recipe) {
        if (profile == null) {
            throw MagicvlException.invalidInput("Recipe " + recipe.path() + " has no device.profile; name a file such as "
                    + "devices/local.yaml, or pass --profile.");
        }
        return applyTo(DeviceProfiles.load(recipe.resolve(profile)), recipe.path().toString());
    }

    /** Returns {@code base} with this section's gates added (same metric: the section wins). */
    public DeviceProfile applyTo(DeviceProfile base, String source) {
        if (gates == null || gates.isEmpty()) {
            return base;
        }
        Map<String, GateSpec> merged = new LinkedHashMap<>(base.gates());
        merged.putAll(gates);
        DeviceProfile profile = new DeviceProfile(base.name(), base.description(), base.os(), base.abi(), base.workDir(),
                base.launcher(), base.threads(), base.energy(), base.thermal(), base.protocol(), base.limits(), merged,
                base.notes());
        DeviceProfiles.validate(profile, source + " (device.gates)");
        return profile;
    }
}
