package io.magicvl.validator.data;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated table as pandas writes and reads it: a header row, fields optionally quoted
 * with {@code "} (a doubled quote inside stands for one), and LF or CRLF line ends.
 */
public final class TsvTable {
    private final Path file;
    private final List<String> header;
    private final List<List<String>> rows;

    private TsvTable(Path file, List<String> header, List<List<String>> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /** Reads {@code file}, rejecting rows whose field count differs from the header's. */
    public static TsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<List<String>> records = parse(text);
        if (records.isEmpty()) {
            throw MagicvlException.invalidInput("TSV file " + file + " is empty; expected a header row.");
        }
        List<String> header = records.get(0);
        List<List<String>> rows = new ArrayList<>(records.subList(1, records.size()));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw MagicvlException.invalidInput("TSV file " + file + ": data row " + (i + 1) + " has "
                        + rows.get(i).size() + " fields but the header has " + header.size() + ".");
            }
        }
        return new TsvTable(file, header, rows);
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                records.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || !fields.isEmpty() || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** Returns the number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Returns whether the header has {@code column}. */
    public boolean hasColumn(String column) {
        return header.contains(column);
    }

    /** Returns the cell of data row {@code row} (0-based) in {@code column}, which must exist. */
    public String cell(int row, String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw MagicvlException.invalidInput("TSV file " + file + " has no '" + column + "' column; its columns are "
                    + header + ".");
        }
        return rows.get(row).get(index);
    }

    /** Returns the cell, or null when the table has no such column. */
    public String optionalCell(int row, String column) {
        return hasColumn(column) ? cell(row, column) : null;
    }

    /** Returns a map from each row's {@code index} value to its row number. */
    public Map<String, Integer> rowsByIndex() {
        Map<String, Integer> byIndex = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String index = cell(i, "index");
            if (byIndex.put(index, i) != null) {
                throw MagicvlException.invalidInput("TSV file " + file + ": index '" + index + "' appears twice.");
            }
        }
        return byIndex;
    }

    /** Returns the file this table was read from. */
    public Path file() {
        return file;
    }
}
