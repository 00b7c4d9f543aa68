package io.magicvl.validator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shard parsing, the environments --shard auto reads, and which items a shard holds. */
class ShardTest {
    @Test
    void parsesExplicitShard() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3", null, Map.of()));
        assertEquals(Shard.all(), Shard.parse(null, null, Map.of()));
        MagicvlException zero = assertThrows(MagicvlException.class, () -> Shard.parse("0/3", null, Map.of()));
        assertTrue(zero.getMessage().contains("0/3"), zero.getMessage());
        MagicvlException text = assertThrows(MagicvlException.class, () -> Shard.parse("two", null, Map.of()));
        assertTrue(text.getMessage().contains("'two'"), text.getMessage());
    }

    @Test
    void kubernetesIndexedJobIsZeroBased() {
        assertEquals(new Shard(1, 4), Shard.parse("auto", 4, Map.of("JOB_COMPLETION_INDEX", "0")));
        assertEquals(new Shard(4, 4), Shard.parse("auto", null,
                Map.of("JOB_COMPLETION_INDEX", "3", "MAGICVL_SHARD_COUNT", "4")));
        MagicvlException noCount = assertThrows(MagicvlException.class,
                () -> Shard.parse("auto", null, Map.of("JOB_COMPLETION_INDEX", "3")));
        assertTrue(noCount.getMessage().contains("--shard-count"), noCount.getMessage());
    }

    @Test
    void gitlabParallelIsOneBased() {
        assertEquals(new Shard(2, 5), Shard.parse("auto", null, Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "5")));
    }

    @Test
    void explicitVariablesWinForGithubMatrix() {
        Map<String, String> env = Map.of("MAGICVL_SHARD_INDEX", "3", "MAGICVL_SHARD_COUNT", "3",
                "CI_NODE_INDEX", "1", "CI_NODE_TOTAL", "2");
        assertEquals(new Shard(3, 3), Shard.parse("auto", null, env));
    }

    @Test
    void autoWithoutEnvironmentNamesTheVariables() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> Shard.parse("auto", null, Map.of()));
        assertTrue(error.getMessage().contains("MAGICVL_SHARD_INDEX"), error.getMessage());
        assertTrue(error.getMessage().contains("JOB_COMPLETION_INDEX"), error.getMessage());
    }

    @Test
    void shardsPartitionTheItems() {
        int[] owners = new int[10];
        for (int i = 1; i <= 3; i++) {
            Shard shard = new Shard(i, 3);
            for (int k = 0; k < owners.length; k++) {
                if (shard.contains(k)) {
                    owners[k]++;
                }
            }
        }
        for (int owner : owners) {
            assertEquals(1, owner);
        }
    }
}
