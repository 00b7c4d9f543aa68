package io.magicvl.core.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.tensor.TensorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weights of a Hugging Face checkpoint: one {@code model.safetensors}, or shards listed
 * in {@code model.safetensors.index.json}, presented as one {@link TensorSource}.
 *
 * <p>{@link #open} validates every file and, for sharded checkpoints, the index: shard names
 * are plain file names inside the folder, every shard exists, every mapped tensor is in its
 * shard, and no tensor is stored twice or left out of the map.
 *
 * <pre>{@code
 * try (Checkpoint checkpoint = Checkpoint.open(Path.of("run/stage4"))) {
 *     float[] norm = checkpoint.readFloats("language_model.model.norm.weight");
 * }
 * }</pre>
 */
public final class Checkpoint implements TensorSource {
    /** Name of the single weight file of an unsharded checkpoint. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** Name of the shard index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private final Path location;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> fileByTensor;
    private final List<TensorInfo> tensors;

    private Checkpoint(Path location, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileByTensor) {
        this.location = location;
        this.files = Collections.unmodifiableList(files);
        this.fileByTensor = Collections.unmodifiableMap(fileByTensor);
        List<TensorInfo> list = new ArrayList<>();
        for (Map.Entry<String, SafetensorsFile> entry : fileByTensor.entrySet()) {
            list.add(entry.getValue().find(entry.getKey()).orElseThrow());
        }
        this.tensors = Collections.unmodifiableList(list);
    }

    /**
     * Opens a checkpoint folder (sharded or not) or a single {@code .safetensors} file.
     *
     * @throws MagicvlException (invalid input) naming the file, the tensor and the fix
     */
    public static Checkpoint open(Path path) {
        if (Files.isRegularFile(path)) {
            return single(path);
        }
        if (!Files.isDirectory(path)) {
            throw MagicvlException.invalidInput("Checkpoint not found: " + path
                    + ". Give a Hugging Face checkpoint folder or a .safetensors file.");
        }
        Path index = path.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return sharded(path, index);
        }
        Path single = path.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return single(single);
        }
        throw MagicvlException.invalidInput("No weights in " + path + ": expected " + SINGLE_FILE + " or " + INDEX_FILE
                + " (found " + listSafetensors(path) + "). Give the folder that holds the checkpoint's weights.");
    }

    /** Returns true if {@code folder} holds {@code model.safetensors} or a shard index. */
    public static boolean isCheckpointFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(SINGLE_FILE)) || Files.isRegularFile(folder.resolve(INDEX_FILE));
    }

    private static Checkpoint single(Path file) {
        SafetensorsFile opened = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> byTensor = new TreeMap<>();
        for (TensorInfo info : opened.tensors()) {
            byTensor.put(info.name(), opened);
        }
        return new Checkpoint(file, List.of(opened), byTensor);
    }

    private static Checkpoint sharded(Path folder, Path index) {
        ShardIndex parsed = ShardIndex.read(index);
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        try {
            for (String shardName : parsed.shardNames()) {
                Path shard = folder.resolve(shardName);
                if (!Files.isRegularFile(shard)) {
                    throw MagicvlException.invalidInput("Missing shard " + shard + ": " + index + " maps "
                            + parsed.tensorsIn(shardName).size() + " tensors (for example '"
                            + parsed.tensorsIn(shardName).get(0) + "') to it. Copy the shard into the folder.");
                }
                shards.put(shardName, SafetensorsFile.open(shard));
            }
            Map<String, SafetensorsFile> byTensor = new TreeMap<>();
            Map<String, String> storedIn = new TreeMap<>();
            for (Map.Entry<String, SafetensorsFile> shard : shards.entrySet()) {
                for (TensorInfo info : shard.getValue().tensors()) {
                    String name = info.name();
                    String other = storedIn.putIfAbsent(name, shard.getKey());
                    if (other != null) {
                        throw MagicvlException.invalidInput("Tensor '" + name + "' is stored in two shards of " + folder
                                + ": " + other + " and " + shard.getKey() + ". Remove one copy and fix " + INDEX_FILE + ".");
                    }
                    String mapped = parsed.weightMap().get(name);
                    if (mapped == null) {
                        throw MagicvlException.invalidInput("Tensor '" + name + "' in shard " + shard.getValue().path()
                                + " is not listed in " + index + ". Add it to weight_map or remove it from the shard.");
                    }
                    if (!mapped.equals(shard.getKey())) {
                        throw MagicvlException.invalidInput("Tensor '" + name + "' is stored in shard " + shard.getKey()
                                + " but " + index + " maps it to " + mapped + ". Fix weight_map.");
                    }
                    byTensor.put(name, shard.getValue());
                }
            }
            for (Map.Entry<String, String> mapped : parsed.weightMap().entrySet()) {
                if (!byTensor.containsKey(mapped.getKey())) {
                    throw MagicvlException.invalidInput("Tensor '" + mapped.getKey() + "' is mapped to shard "
                            + mapped.getValue() + " by " + index + " but that shard does not contain it."
                            + " Re-save the checkpoint or fix weight_map.");
                }
            }
            long stored = 0;
            for (Map.Entry<String, SafetensorsFile> entry : byTensor.entrySet()) {
                stored += entry.getValue().find(entry.getKey()).orElseThrow().byteSize();
            }
            if (parsed.totalSize() >= 0 && parsed.totalSize() != stored) {
                LOG.warn("{} declares total_size {} but the shards hold {} tensor bytes", index, parsed.totalSize(), stored);
            }
            return new Checkpoint(folder, new ArrayList<>(shards.values()), byTensor);
        } catch (RuntimeException e) {
            for (SafetensorsFile shard : shards.values()) {
                shard.close();
            }
            throw e;
        }
    }

    /** Returns the weight files in the order they are named by the index (one if unsharded). */
    public List<SafetensorsFile> files() {
        return files;
    }

    /** Returns the sum of the weight files' sizes in bytes. */
    public long fileBytes() {
        long total = 0;
        for (SafetensorsFile file : files) {
            try {
                total += Files.size(file.path());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the size of " + file.path(), e);
            }
        }
        return total;
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public List<TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public Optional<TensorInfo> find(String name) {
        SafetensorsFile file = fileByTensor.get(name);
        return file == null ? Optional.empty() : file.find(name);
    }

    @Override
    public Path fileOf(String name) {
        return file(name).path();
    }

    @Override
    public void readRaw(String name, long firstByte, ByteBuffer destination) {
        file(name).readRaw(name, firstByte, destination);
    }

    @Override
    public ByteBuffer map(String name, long firstByte, int length) {
        return file(name).map(name, firstByte, length);
    }

    @Override
    public void close() {
        for (SafetensorsFile file : files) {
            file.close();
        }
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile file = fileByTensor.get(name);
        if (file == null) {
            info(name);
        }
        return file;
    }

    private static String listSafetensors(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".safetensors") || n.endsWith(".json"))
                    .sorted()
                    .toList();
            return names.isEmpty() ? "no .safetensors or .json files" : String.join(", ", names);
        } catch (IOException e) {
            return "a folder that cannot be listed";
        }
    }

    /** The parsed {@code model.safetensors.index.json}. */
    record ShardIndex(Map<String, String> weightMap, long totalSize) {
        List<String> shardNames() {
            return weightMap.values().stream().distinct().sorted().toList();
        }

        List<String> tensorsIn(String shard) {
            return weightMap.entrySet().stream().filter(e -> e.getValue().equals(shard)).map(Map.Entry::getKey).toList();
        }

        static ShardIndex read(Path index) {
            JsonNode root;
            try {
                root = SafetensorsHeader.STRICT_JSON.readTree(Files.readString(index));
            } catch (JsonProcessingException e) {
                throw MagicvlException.invalidInput("Invalid shard index " + index + ": " + e.getOriginalMessage()
                        + ". Fix the JSON or save the checkpoint again.");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + index, e);
            }
            JsonNode map = root == null ? null : root.get("weight_map");
            if (map == null || !map.isObject()) {
                throw MagicvlException.invalidInput("Invalid shard index " + index
                        + ": it has no \"weight_map\" object. Save the checkpoint again or remove the index.");
            }
            Map<String, String> weightMap = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw MagicvlException.invalidInput("Invalid shard index " + index + ": tensor '" + field.getKey()
                            + "' maps to " + field.getValue() + ", not a shard file name.");
                }
                String shard = field.getValue().textValue();
                checkPlainName(index, field.getKey(), shard);
                weightMap.put(field.getKey(), shard);
            }
            if (weightMap.isEmpty()) {
                throw MagicvlException.invalidInput("Invalid shard index " + index + ": weight_map is empty.");
            }
            JsonNode total = root.path("metadata").path("total_size");
            long totalSize = total.canConvertToLong() && total.isIntegralNumber() ? total.longValue() : -1;
            return new ShardIndex(weightMap, totalSize);
        }

        private static void checkPlainName(Path index, String tensor, String shard) {
            boolean plain = !shard.isEmpty()
                    && !shard.contains("/")
                    && !shard.contains("\\")
                    && !shard.equals(".")
                    && !shard.equals("..")
                    && !shard.contains(":")
                    && shard.indexOf('\0') < 0;
            if (!plain) {
                throw MagicvlException.invalidInput("Invalid shard index " + index + ": tensor '" + tensor
                        + "' maps to shard '" + shard + "', which is not a plain file name in the checkpoint folder."
                        + " Shards must sit beside the index; fix weight_map.");
            }
        }
    }
}
