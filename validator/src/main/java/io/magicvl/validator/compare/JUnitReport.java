package io.magicvl.validator.compare;

import java.util.Locale;

/**
 * A JUnit XML report with one test case per gate, so CI systems show gate results natively: a
 * failed gate is a {@code failure}, a gate for another benchmark is {@code skipped}.
 */
public final class JUnitReport {
    private JUnitReport() {}

    /** Returns the XML document. */
    public static String toXml(ComparisonResult result) {
        int failures = 0;
        int skipped = 0;
        for (GateResult gate : result.gates()) {
            if (gate.skipped() != null) {
                skipped++;
            } else if (!gate.passed()) {
                failures++;
            }
        }
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT,
                "<testsuite name=\"magicvl compare %s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n",
                escape(result.bench()), result.gates().size(), failures, skipped));
        for (GateResult gate : result.gates()) {
            xml.append("  <testcase classname=\"magicvl.compare.").append(escape(result.bench()))
                    .append("\" name=\"").append(escape(gate.gate().key())).append("\" time=\"0\">\n");
            if (gate.skipped() != null) {
                xml.append("    <skipped message=\"").append(escape(gate.skipped())).append("\"/>\n");
            } else if (!gate.passed()) {
                xml.append("    <failure message=\"").append(escape(gate.message())).append("\" type=\"gate\">")
                        .append(escape(gate.message())).append("</failure>\n");
            }
            xml.append("    <system-out>").append(escape(gate.message())).append("</system-out>\n");
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
