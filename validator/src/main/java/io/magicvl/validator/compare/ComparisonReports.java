package io.magicvl.validator.compare;

import io.magicvl.core.Json;
import io.magicvl.core.io.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the report folder of a comparison: {@code compare.json}, {@code junit.xml} and {@code report.html}. */
public final class ComparisonReports {
    /** The JSON report file name. */
    public static final String JSON = "compare.json";
    /** The JUnit XML file name. */
    public static final String JUNIT = "junit.xml";
    /** The HTML page file name. */
    public static final String HTML = "report.html";

    private ComparisonReports() {}

    /** Writes the three reports into {@code outDir}, which must not exist unless {@code force}. */
    public static void write(ComparisonResult result, Path outDir, boolean force) {
        OutputPaths.checkWritable(outDir, force);
        Path temporary = OutputPaths.temporarySibling(outDir);
        try {
            Files.write(temporary.resolve(JSON), Json.PRETTY.writeValueAsBytes(ComparisonJson.toJson(result)));
            Files.writeString(temporary.resolve(JUNIT), JUnitReport.toXml(result), StandardCharsets.UTF_8);
            Files.writeString(temporary.resolve(HTML), HtmlReport.toHtml(result), StandardCharsets.UTF_8);
            OutputPaths.moveIntoPlace(temporary, outDir, force);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the comparison reports to " + outDir, e);
        }
    }
}
