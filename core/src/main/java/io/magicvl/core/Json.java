package io.magicvl.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings every magicvl report and manifest uses. */
public final class Json {
    /** Sorted map keys and stable output, so the same content gives the same bytes. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Indented output for files that people read. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    /**
     * Indented output with snake_case keys for the {@code --json} reports of commands, so record
     * components such as {@code totalParameters} read {@code total_parameters}, as in manifests.
     */
    public static final ObjectWriter REPORT = MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .writerWithDefaultPrettyPrinter();

    private Json() {}
}
