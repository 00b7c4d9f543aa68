package io.magicvl.validator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.HeadlessChromium;
import io.magicvl.core.testing.TestPaths;
import io.magicvl.validator.data.Bench;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.data.OcrBenchItem;
import io.magicvl.validator.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The three report files of a comparison, the HTML page checked in a real headless browser. */
class ComparisonReportsTest {
    private static final Path OCR = TestPaths.examples().resolve("nano-bench/ocrbench");

    @TempDir
    Path tmp;

    private ComparisonResult result;

    @BeforeEach
    void compare() throws IOException {
        BenchmarkData data = BenchmarkData.load(Bench.OCRBENCH, OCR.resolve("OCRBench.json"));
        Map<Integer, String> base = new HashMap<>();
        Map<Integer, String> cand = new HashMap<>();
        for (OcrBenchItem item : data.ocrBenchItems()) {
            base.put(item.pos(), item.pos() % 2 == 0 ? item.answers().get(0) : "nothing");
            cand.put(item.pos(), item.pos() % 3 == 0 ? item.answers().get(0) : "nothing");
        }
        Map<String, CompareSettings.Gate> gates = new LinkedHashMap<>();
        gates.put("ocrbench.score", new CompareSettings.Gate("ocrbench.score", 5, GateRule.POINT));
        gates.put("ocrbench.Key Information Extraction",
                new CompareSettings.Gate("ocrbench.Key Information Extraction", 100, GateRule.UPPER_BOUND));
        gates.put("hallusionbench.mean", new CompareSettings.Gate("hallusionbench.mean", 1, GateRule.UPPER_BOUND));
        result = RunComparison.compare(
                RunResult.load(SyntheticRuns.write(tmp.resolve("b"), data, OCR.resolve("images"), "aa11", "official", base)),
                RunResult.load(SyntheticRuns.write(tmp.resolve("c"), data, OCR.resolve("images"), "bb22", "official", cand)),
                new CompareSettings(1, 500, 0.95, gates));
        ComparisonReports.write(result, tmp.resolve("reports"), false);
    }

    @Test
    void jsonHasGatesAndMetrics() throws IOException {
        JsonNode json = Json.MAPPER.readTree(tmp.resolve("reports").resolve(ComparisonReports.JSON).toFile());
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals(result.metrics().get("score").delta().delta(),
                json.get("metrics").get("score").get("delta").get("delta").asDouble());
        assertEquals(3, json.get("gates").size());
        assertEquals("ocrbench.score", json.get("gates").get(0).get("key").textValue());
        assertTrue(json.get("gates").get(0).get("message").textValue().endsWith("FAIL"));
        assertEquals(result.flipped().size(), json.get("flipped").size());
    }

    @Test
    void junitHasOneCasePerGate() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(tmp.resolve("reports").resolve(ComparisonReports.JUNIT).toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element first = (Element) cases.item(0);
        assertEquals("ocrbench.score", first.getAttribute("name"));
        assertEquals(1, first.getElementsByTagName("failure").getLength());
        assertTrue(((Element) first.getElementsByTagName("failure").item(0)).getAttribute("message").contains("max_drop 5"));
    }

    @Test
    void htmlRendersInHeadlessChromium() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        Path html = tmp.resolve("reports").resolve(ComparisonReports.HTML);
        String source = Files.readString(html);
        assertTrue(!source.contains("http://") || source.indexOf("http://") == source.indexOf("http://www.w3.org/2000/svg"),
                "the page loads nothing from the network");
        HeadlessChromium.Rendered rendered = chromium.render(html, tmp.resolve("browser"), 1280, 2400, Duration.ofSeconds(90));
        String dom = rendered.dom();
        assertTrue(dom.contains("<table id=\"gates\">"), "gates table rendered");
        assertTrue(dom.contains("ocrbench.score"), "gate name in the DOM");
        assertTrue(dom.contains("Gate failed"), "verdict in the DOM");
        String delta = HtmlReport.format(result.metrics().get("score").delta().delta());
        assertTrue(dom.contains(">" + delta + "<"), "score delta " + delta + " in the DOM");
        int images = dom.split("src=\"data:image/png;base64,", -1).length - 1;
        assertEquals(result.flipped().size(), images, "one embedded image per flipped item");
        assertTrue(dom.contains("<svg"), "interval drawn as SVG");
        byte[] png = Files.readAllBytes(rendered.screenshot());
        assertTrue(png.length > 10_000, "screenshot has content: " + png.length + " bytes");
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
