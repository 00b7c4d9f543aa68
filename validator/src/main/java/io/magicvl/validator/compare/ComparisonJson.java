package io.magicvl.validator.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;

/** The JSON form of a comparison, with snake_case keys like every other magicvl report. */
public final class ComparisonJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ComparisonJson() {}

    /** Returns the comparison as one JSON object; each gate carries its one-line {@code message}. */
    public static ObjectNode toJson(ComparisonResult result) {
        ObjectNode root = MAPPER.valueToTree(result);
        root.put("passed", result.passed());
        ArrayNode gates = (ArrayNode) root.get("gates");
        for (int i = 0; i < result.gates().size(); i++) {
            GateResult gate = result.gates().get(i);
            ObjectNode node = (ObjectNode) gates.get(i);
            node.put("key", gate.gate().key());
            node.put("message", gate.message());
        }
        return root;
    }
}
