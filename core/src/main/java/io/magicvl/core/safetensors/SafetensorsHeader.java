package io.magicvl.core.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The parsed and validated JSON header of a safetensors file. */
final class SafetensorsHeader {
    /** The reference implementation rejects headers above 100 MB; so do we. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The format bounds every integer in the header to 48 bits. */
    static final long MAX_HEADER_INTEGER = (1L << 48) - 1;

    private static final String FIX_CORRUPT = "The file is damaged or was written by a non-conforming writer; "
            + "re-download it or save it again with the safetensors library.";
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");
    private static final Set<String> UNSUPPORTED_DTYPES =
            Set.of("C64", "F8_E4M3FNUZ", "F8_E5M2FNUZ", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2");

    static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A tensor and its byte range relative to the data buffer. */
    record Entry(TensorInfo info, long begin, long end) {}

    private final Map<String, Entry> entries;
    private final List<TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, Entry> entries, Map<String, String> metadata) {
        this.entries = Collections.unmodifiableMap(entries);
        List<TensorInfo> list = new ArrayList<>();
        for (Entry entry : entries.values()) {
            list.add(entry.info());
        }
        this.tensors = Collections.unmodifiableList(list);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    Map<String, Entry> entries() {
        return entries;
    }

    List<TensorInfo> tensors() {
        return tensors;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /** Reads and checks the 8-byte little-endian header length. */
    static long readHeaderLength(Path path, FileChannel channel, long fileSize) throws IOException {
        if (fileSize < 8) {
            throw invalid(path, "is " + fileSize + " bytes long, shorter than the 8-byte header length field.", FIX_CORRUPT);
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        SafetensorsFile.readFully(channel, lengthBytes, 0, path);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw invalid(path, "declares a header of " + Long.toUnsignedString(headerLength)
                    + " bytes, above the limit of " + MAX_HEADER_BYTES + " bytes.",
                    "This is not a safetensors file or its first 8 bytes are damaged.");
        }
        if (headerLength > fileSize - 8) {
            throw invalid(path, "declares a header of " + headerLength + " bytes but the file has only "
                    + (fileSize - 8) + " bytes after the length field.", "The file is truncated; download or copy it again.");
        }
        return headerLength;
    }

    /** Parses and validates the header bytes; {@code dataLength} is the size of the data buffer. */
    static SafetensorsHeader parse(Path path, byte[] headerBytes, long dataLength) {
        String text = decodeUtf8(path, headerBytes);
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw invalid(path, "has a header that does not start with '{'.", FIX_CORRUPT);
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            if (detail != null && detail.startsWith("Duplicate")) {
                throw invalid(path, "lists the same key twice in its header (" + detail + ").",
                        "Tensor names must be unique; save the tensors again without the duplicate.");
            }
            throw invalid(path, "has a header that is not valid JSON: " + detail + ".", FIX_CORRUPT);
        }
        if (root == null || !root.isObject()) {
            throw invalid(path, "has a header that is not a JSON object.", FIX_CORRUPT);
        }

        Map<String, String> metadata = new TreeMap<>();
        Map<String, Entry> entries = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("__metadata__")) {
                readMetadata(path, field.getValue(), metadata);
            } else {
                Entry entry = readEntry(path, field.getKey(), field.getValue(), dataLength);
                entries.put(entry.info().name(), entry);
            }
        }
        checkCoverage(path, entries, dataLength);
        return new SafetensorsHeader(entries, metadata);
    }

    private static String decodeUtf8(Path path, byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw invalid(path, "has a header that is not valid UTF-8.", FIX_CORRUPT);
        }
    }

    private static void readMetadata(Path path, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw invalid(path, "has a __metadata__ entry that is not a JSON object.",
                    "__metadata__ must map strings to strings; fix or remove it.");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw invalid(path, "has __metadata__ key '" + field.getKey() + "' with a non-string value "
                        + field.getValue() + ".", "__metadata__ values must be strings; quote the value.");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
    }

    private static Entry readEntry(Path path, String name, JsonNode node, long dataLength) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw invalid(path, "has " + where + " whose header entry is not a JSON object.", FIX_CORRUPT);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!ENTRY_FIELDS.contains(field)) {
                throw invalid(path, "has " + where + " with unknown field '" + field
                        + "' (allowed: dtype, shape, data_offsets).", FIX_CORRUPT);
            }
        }
        for (String required : List.of("dtype", "shape", "data_offsets")) {
            if (!node.has(required)) {
                throw invalid(path, "has " + where + " without the required field '" + required + "'.", FIX_CORRUPT);
            }
        }

        JsonNode dtypeNode = node.get("dtype");
        String dtypeName = dtypeNode.isTextual() ? dtypeNode.textValue() : dtypeNode.toString();
        DType dtype = DType.fromSafetensorsName(dtypeName).orElseThrow(() -> UNSUPPORTED_DTYPES.contains(dtypeName)
                ? invalid(path, "has " + where + " of dtype " + dtypeName + ", which magicvl does not read.",
                        "Convert the checkpoint to F32, F16 or BF16 (dequantize it) first.")
                : invalid(path, "has " + where + " of unknown dtype '" + dtypeName + "'.", FIX_CORRUPT));

        long[] shape = readIntegers(path, where, "shape", node.get("shape"), -1);
        long[] offsets = readIntegers(path, where, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw invalid(path, "has " + where + " with data_offsets [" + begin + ", " + end + "]: begin is after end.",
                    FIX_CORRUPT);
        }
        if (end > dataLength) {
            throw invalid(path, "has " + where + " with data_offsets [" + begin + ", " + end
                    + "] beyond the data buffer of " + dataLength + " bytes.", "The file is truncated; copy it again.");
        }
        long expectedBytes;
        try {
            long bits = Math.multiplyExact(TensorInfo.elementCount(shape), (long) dtype.bits());
            if (bits % 8 != 0) {
                throw invalid(path, "has " + where + " whose size is not a whole number of bytes.", FIX_CORRUPT);
            }
            expectedBytes = bits / 8;
        } catch (ArithmeticException e) {
            throw invalid(path, "has " + where + " with shape " + java.util.Arrays.toString(shape)
                    + " whose byte size overflows 64 bits.", FIX_CORRUPT);
        }
        if (end - begin != expectedBytes) {
            throw invalid(path, "has " + where + " with data_offsets [" + begin + ", " + end + "] (" + (end - begin)
                    + " bytes) but shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                    + expectedBytes + " bytes.", FIX_CORRUPT);
        }
        return new Entry(new TensorInfo(name, dtype, shape), begin, end);
    }

    private static long[] readIntegers(Path path, String where, String field, JsonNode node, int requiredCount) {
        if (!node.isArray() || (requiredCount >= 0 && node.size() != requiredCount)) {
            String expected = requiredCount >= 0 ? "an array of " + requiredCount + " integers" : "an array of integers";
            throw invalid(path, "has " + where + " whose " + field + " is " + node + ", not " + expected + ".", FIX_CORRUPT);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode item = node.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToLong()
                    || item.longValue() < 0 || item.longValue() > MAX_HEADER_INTEGER) {
                throw invalid(path, "has " + where + " whose " + field + " contains " + item
                        + ", not an integer from 0 to 2^48-1.", FIX_CORRUPT);
            }
            values[i] = item.longValue();
        }
        return values;
    }

    /** Checks that the tensors tile the data buffer exactly: no gap, no overlap, no trailing bytes. */
    private static void checkCoverage(Path path, Map<String, Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end)
                .thenComparing(entry -> entry.info().name()));
        long expected = 0;
        Entry previous = null;
        for (Entry entry : sorted) {
            if (entry.begin() < expected) {
                throw invalid(path, "has tensor '" + entry.info().name() + "' at bytes [" + entry.begin() + ", "
                        + entry.end() + ") overlapping tensor '" + previous.info().name() + "' at ["
                        + previous.begin() + ", " + previous.end() + ").", FIX_CORRUPT);
            }
            if (entry.begin() > expected) {
                String after = previous == null ? "the start of the data buffer" : "tensor '" + previous.info().name() + "'";
                throw invalid(path, "has a gap of " + (entry.begin() - expected) + " bytes between " + after
                        + " and tensor '" + entry.info().name() + "' at byte " + entry.begin() + ".", FIX_CORRUPT);
            }
            expected = entry.end();
            if (entry.end() > entry.begin()) {
                previous = entry;
            }
        }
        if (expected != dataLength) {
            throw invalid(path, "has " + (dataLength - expected) + " trailing bytes after the last tensor (the tensors"
                    + " cover " + expected + " of " + dataLength + " data bytes).", FIX_CORRUPT);
        }
    }

    static MagicvlException invalid(Path path, String problem, String fix) {
        return MagicvlException.invalidInput("Invalid safetensors file " + path + ": it " + problem + " " + fix);
    }
}
