package io.magicvl.quantizer.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * A recipe override: weights whose checkpoint name matches {@code pattern} get these settings
 * instead of their component's. Rules are tried in order and the first match wins.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OverrideRule extends SchemeSettings {
    /** A glob over the weight's checkpoint name: {@code *} matches any run of characters, {@code ?} one. */
    @JsonProperty("pattern")
    public String pattern;

    private transient Pattern compiled;

    /** Returns whether {@code weightName} matches this rule's glob. */
    public boolean matches(String weightName) {
        if (compiled == null) {
            compiled = globToRegex(pattern);
        }
        return compiled.matcher(weightName).matches();
    }

    /** Returns the regular expression for a glob where {@code *} is any run and {@code ?} one character. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
