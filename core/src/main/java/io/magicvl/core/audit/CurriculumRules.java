package io.magicvl.core.audit;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.Component;
import io.magicvl.core.recipe.AuditSection;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The components each stage may change. MagicVL's curriculum: stage 1 trains the projector
 * only, stage 2 the vision tower and the projector, stage 3 and later everything. Stage 0 and
 * the first stage of a run have nothing to be compared with, so no rule applies to them. A
 * recipe's {@code audit.trainable} replaces the rule of the stages it names.
 */
public final class CurriculumRules {
    private static final Set<Component> EVERYTHING = EnumSet.allOf(Component.class);

    private final Map<String, List<String>> overrides;

    public CurriculumRules(AuditSection section) {
        this.overrides = section == null ? Map.of() : section.trainable();
    }

    /** Returns the rules with no recipe overrides. */
    public static CurriculumRules defaults() {
        return new CurriculumRules(null);
    }

    /**
     * Returns the components {@code stage} may change, or empty if no rule applies (stage 0
     * without an override). UNUSED tensors follow the vision tower.
     */
    public Optional<Set<Component>> allowed(RunStage stage) {
        List<String> override = overrides.get(stage.name());
        if (override == null) {
            override = overrides.get(Integer.toString(stage.number()));
        }
        if (override != null) {
            return Optional.of(components(override, "audit.trainable." + stage.number()));
        }
        switch (stage.number()) {
            case 0:
                return Optional.empty();
            case 1:
                return Optional.of(EnumSet.of(Component.PROJECTOR));
            case 2:
                return Optional.of(EnumSet.of(Component.VISION, Component.UNUSED, Component.PROJECTOR));
            default:
                return Optional.of(EnumSet.copyOf(EVERYTHING));
        }
    }

    /**
     * Converts module or component names to components: {@code language_model} stands for
     * embeddings, decoder and lm_head, {@code all} for everything.
     *
     * @throws MagicvlException (invalid input) naming the key and the unknown value
     */
    public static Set<Component> components(Collection<String> names, String where) {
        Set<Component> result = EnumSet.noneOf(Component.class);
        for (String name : names) {
            String id = name.trim().toLowerCase(Locale.ROOT);
            if (id.equals("language_model") || id.equals("llm")) {
                result.addAll(EnumSet.of(Component.EMBEDDINGS, Component.DECODER, Component.LM_HEAD));
            } else if (id.equals("all")) {
                result.addAll(EVERYTHING);
            } else {
                try {
                    Component component = Component.parse(id);
                    result.add(component);
                    if (component == Component.VISION) {
                        result.add(Component.UNUSED);
                    }
                } catch (IllegalArgumentException e) {
                    throw MagicvlException.invalidInput("Invalid " + where + ": " + e.getMessage()
                            + " 'language_model' and 'all' are accepted too.");
                }
            }
        }
        return result;
    }
}
