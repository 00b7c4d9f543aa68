package io.magicvl.core.safetensors;

import io.magicvl.core.Json;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.io.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the weights of a Hugging Face checkpoint into a folder: one {@code model.safetensors}
 * when the tensors fit in one shard, otherwise {@code model-0000k-of-0000N.safetensors} files
 * plus {@code model.safetensors.index.json}, the way transformers' {@code save_pretrained}
 * lays them out.
 *
 * <p>Tensors go to shards in the order they were added; a shard is closed when the next
 * tensor would take it past {@code maxShardBytes} (a tensor larger than the limit gets a
 * shard of its own). Bodies are streamed, so memory use does not grow with the checkpoint.
 */
public final class CheckpointWriter {
    /** transformers' "2GB" shard limit, in bytes (decimal, as transformers parses it). */
    public static final long DEFAULT_MAX_SHARD_BYTES = 2_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    private final List<SafetensorsWriter.Pending> tensors = new ArrayList<>();
    private final Map<String, String> metadata = new TreeMap<>();
    private final long maxShardBytes;

    public CheckpointWriter(long maxShardBytes) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        this.maxShardBytes = maxShardBytes;
    }

    public CheckpointWriter() {
        this(DEFAULT_MAX_SHARD_BYTES);
    }

    /** Adds a {@code __metadata__} entry written into every shard. */
    public CheckpointWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Queues a tensor; its body runs when {@link #write} reaches it. */
    public CheckpointWriter add(TensorInfo info, SafetensorsWriter.Body body) {
        tensors.add(new SafetensorsWriter.Pending(info, body));
        return this;
    }

    /** Queues every tensor of {@code writer} in name order. */
    public CheckpointWriter addAll(SafetensorsWriter writer) {
        for (SafetensorsWriter.Pending pending : writer.pending()) {
            tensors.add(pending);
        }
        return this;
    }

    /** Returns the number of shards {@link #write} will produce. */
    public int shardCount() {
        return plan().size();
    }

    /**
     * Writes the weight files into {@code folder} (created if needed) and returns their names.
     * Existing files of the same names are replaced.
     */
    public List<String> write(Path folder) {
        List<List<SafetensorsWriter.Pending>> shards = plan();
        List<String> names = new ArrayList<>();
        Map<String, String> weightMap = new TreeMap<>();
        long totalSize = 0;
        for (int i = 0; i < shards.size(); i++) {
            String name = shards.size() == 1
                    ? Checkpoint.SINGLE_FILE
                    : String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafetensorsWriter writer = new SafetensorsWriter();
            metadata.forEach(writer::metadata);
            for (SafetensorsWriter.Pending pending : shards.get(i)) {
                writer.add(pending.info(), pending.body());
                weightMap.put(pending.info().name(), name);
                totalSize += pending.info().byteSize();
            }
            LOG.info("Writing {} ({} tensors, {} MB)", folder.resolve(name), shards.get(i).size(),
                    writer.dataBytes() / 1_000_000);
            writer.write(folder.resolve(name));
            names.add(name);
        }
        if (shards.size() > 1) {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("metadata", Map.of("total_size", totalSize));
            index.put("weight_map", weightMap);
            try {
                OutputPaths.writeAtomically(folder.resolve(Checkpoint.INDEX_FILE), Json.PRETTY.writeValueAsBytes(index));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the shard index in " + folder, e);
            }
            names.add(Checkpoint.INDEX_FILE);
        }
        return names;
    }

    private List<List<SafetensorsWriter.Pending>> plan() {
        List<List<SafetensorsWriter.Pending>> shards = new ArrayList<>();
        List<SafetensorsWriter.Pending> current = new ArrayList<>();
        long currentBytes = 0;
        for (SafetensorsWriter.Pending pending : tensors) {
            long size = pending.info().byteSize();
            if (!current.isEmpty() && currentBytes + size > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(pending);
            currentBytes += size;
        }
        if (!current.isEmpty() || shards.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }
}
