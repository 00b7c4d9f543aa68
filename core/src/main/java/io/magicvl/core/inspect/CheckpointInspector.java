package io.magicvl.core.inspect;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.Component;
import io.magicvl.core.model.ModelDescription;
import io.magicvl.core.model.ModelLayout;
import io.magicvl.core.model.PreprocessorConfig;
import io.magicvl.core.model.TokenizerInfo;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.synth.SyntheticCheckpoint;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds an {@link InspectReport} for a checkpoint folder. */
public final class CheckpointInspector {
    private CheckpointInspector() {}

    /**
     * Inspects {@code folder}: validates the weights against config.json, counts parameters
     * and bytes per component, and optionally hashes every file.
     *
     * @throws MagicvlException (invalid input) if the folder is not a valid checkpoint
     */
    public static InspectReport inspect(Path folder, boolean hashFiles) {
        if (!Files.exists(folder)) {
            throw MagicvlException.invalidInput("Checkpoint not found: " + folder + ". Give a Hugging Face checkpoint"
                    + " folder (config.json and model.safetensors or shards).");
        }
        if (Files.isRegularFile(folder)) {
            throw MagicvlException.invalidInput(folder + " is a file. Give the checkpoint folder that holds config.json"
                    + " and the weights.");
        }
        ModelDescription description = ModelDescription.read(folder);
        ModelLayout layout = description.layout();
        Map<Component, long[]> totals = new EnumMap<>(Component.class);
        Map<Component, Map<String, Integer>> dtypes = new EnumMap<>(Component.class);
        long parameters = 0;
        long bytes = 0;
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            ModelLayout.LayoutCheck check = layout.check(checkpoint).requireOk();
            for (TensorInfo info : checkpoint.tensors()) {
                Component component = check.assignment().get(info.name());
                long[] total = totals.computeIfAbsent(component, c -> new long[3]);
                total[0]++;
                total[1] += info.elementCount();
                total[2] += info.byteSize();
                dtypes.computeIfAbsent(component, c -> new TreeMap<>()).merge(info.dtype().safetensorsName(), 1, Integer::sum);
                parameters += info.elementCount();
                bytes += info.byteSize();
            }
        }
        List<InspectReport.ComponentSummary> components = new ArrayList<>();
        for (Map.Entry<Component, long[]> entry : totals.entrySet()) {
            long[] total = entry.getValue();
            components.add(new InspectReport.ComponentSummary(entry.getKey(), (int) total[0], total[1], total[2],
                    dtypes.get(entry.getKey())));
        }
        boolean tied = !totals.containsKey(Component.LM_HEAD) && description.config().decoder().tieWordEmbeddings();
        return new InspectReport(folder.toString(), description.config().architecture(), description.config().modelType(),
                Files.isRegularFile(folder.resolve(SyntheticCheckpoint.MARKER_FILE)), description.config().vision(),
                description.config().projector(), description.config().decoder(), description.config().tiling(),
                components, tied, parameters, bytes, tokenizer(description), preprocessing(description.preprocessor()),
                files(folder, hashFiles));
    }

    private static InspectReport.TokenizerSummary tokenizer(ModelDescription description) {
        TokenizerInfo info = description.tokenizer();
        Map<Integer, String> specials = new LinkedHashMap<>();
        for (TokenizerInfo.AddedToken token : info.addedTokens()) {
            specials.put(token.id(), token.content());
        }
        int context = description.config().imgContextTokenId() >= 0 ? description.config().imgContextTokenId()
                : info.idOf("<IMG_CONTEXT>").orElse(-1);
        return new InspectReport.TokenizerSummary(info.tokenizerClass(), info.size(), info.bosToken(), info.eosToken(),
                info.padToken(), context, specials);
    }

    private static InspectReport.PreprocessingSummary preprocessing(PreprocessorConfig config) {
        return new InspectReport.PreprocessingSummary(config.tileSize(), config.patchSize(), config.tokenPixels(),
                config.maxTiles(), config.mean(), config.std(), config.resample(), config.source() != null);
    }

    private static List<InspectReport.FileSummary> files(Path folder, boolean hash) {
        List<InspectReport.FileSummary> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new InspectReport.FileSummary(file.getFileName().toString(), Files.size(file),
                        hash ? sha256(file) : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return files;
    }

    /** Returns the hex SHA-256 of a file's content. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 20];
            while (in.read(buffer) >= 0) {
                // Reading feeds the digest.
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
