package io.magicvl.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The part of a vision-language model a tensor belongs to. */
public enum Component {
    /** The vision tower (SigLIP or InternViT), up to its last used output. */
    VISION,
    /** The projector {@code mlp1} that maps merged vision tokens to decoder embeddings. */
    PROJECTOR,
    /** The decoder's token embedding table. */
    EMBEDDINGS,
    /** The decoder layers and final norm. */
    DECODER,
    /** The output projection to vocabulary logits; absent from the file when tied to the embeddings. */
    LM_HEAD,
    /** Stored but never used by the model, such as SigLIP's attention-pooling {@code head.*}. */
    UNUSED;

    /** Returns the lower-case name used in reports and recipes, for example {@code lm_head}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a recipe or command-line name: a component id such as {@code vision}, or the
     * module names training code uses ({@code vision_model}, {@code mlp1}, {@code language_model}).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Component parse(String text) {
        String id = text.trim().toLowerCase(Locale.ROOT);
        switch (id) {
            case "vision_model":
            case "vision_tower":
                return VISION;
            case "mlp1":
            case "projector":
                return PROJECTOR;
            default:
                break;
        }
        for (Component component : values()) {
            if (component.id().equals(id)) {
                return component;
            }
        }
        throw new IllegalArgumentException("Unknown component '" + text
                + "'. Use vision, projector, embeddings, decoder, lm_head or unused (or vision_model, mlp1).");
    }
}
