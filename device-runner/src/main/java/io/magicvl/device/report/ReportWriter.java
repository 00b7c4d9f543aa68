package io.magicvl.device.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.device.bench.BenchReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.json}, {@code junit.xml} and {@code report.html} into a folder, atomically. */
public final class ReportWriter {
    /** NaN (a metric without data) is written as the string "NaN". */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private ReportWriter() {}

    /** Writes the three reports into {@code out}, replacing an existing folder only with {@code force}. */
    public static void writeAll(BenchReport report, Path out, boolean force) throws IOException {
        Path temporary = OutputPaths.temporarySibling(out);
        JSON.writeValue(temporary.resolve("report.json").toFile(), report);
        Files.writeString(temporary.resolve("junit.xml"), JUnitXml.render(report), StandardCharsets.UTF_8);
        Files.writeString(temporary.resolve("report.html"), Html.render(report), StandardCharsets.UTF_8);
        OutputPaths.moveIntoPlace(temporary, out, force);
    }
}
