package io.magicvl.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.testing.TestPaths;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadBenchmarkTest {
    private static final Path NANO = TestPaths.examples().resolve("magicvl-nano/stage4-advanced");

    @Test
    void digestMatchesTensorHashes() throws Exception {
        ReadBenchmark.Result result = ReadBenchmark.run(NANO, 2, true, 4096);

        assertEquals(expectedDigest(NANO), result.digest());
        assertTrue(result.readCpuSeconds() >= 0, "read CPU " + result.readCpuSeconds());
        assertTrue(result.catCpuSeconds() >= 0, "cat CPU " + result.catCpuSeconds());
    }

    @Test
    void childrenCpuNeverDecreases() throws Exception {
        double before = ReadBenchmark.childrenCpuSeconds();
        new ProcessBuilder("true").start().waitFor();
        double after = ReadBenchmark.childrenCpuSeconds();

        assertTrue(before >= 0, "before " + before);
        assertTrue(after >= before, before + " then " + after);
    }

    /** Hashes every tensor in one piece and the per-tensor values in name order. */
    private static String expectedDigest(Path folder) throws Exception {
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            List<TensorInfo> tensors = new ArrayList<>(checkpoint.tensors());
            tensors.sort(Comparator.comparing(TensorInfo::name));
            for (TensorInfo info : tensors) {
                ByteBuffer bytes = ByteBuffer.allocate((int) info.byteSize());
                checkpoint.readRaw(info.name(), 0, bytes);
                bytes.flip();
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                one.update(bytes);
                all.update(one.digest());
            }
        }
        return HexFormat.of().formatHex(all.digest());
    }
}
