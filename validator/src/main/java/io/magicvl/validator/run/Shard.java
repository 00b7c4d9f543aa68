package io.magicvl.validator.run;

import io.magicvl.core.MagicvlException;
import java.util.Map;

/**
 * One part of a benchmark split into {@code count} shards, numbered from 1. Item {@code k} of
 * the selected items (after {@code --limit}) belongs to shard {@code (k mod count) + 1}, so each
 * shard gets a similar mix of item types even though benchmark files are sorted by type.
 */
public record Shard(int index, int count) {
    /** Environment variable with the shard count for Kubernetes Indexed Jobs and GitHub Actions. */
    public static final String COUNT_VARIABLE = "MAGICVL_SHARD_COUNT";
    /** Environment variable with the 1-based shard index, for GitHub Actions matrix values or any scheduler. */
    public static final String INDEX_VARIABLE = "MAGICVL_SHARD_INDEX";

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw MagicvlException.invalidInput("Invalid shard " + index + "/" + count
                    + ": the index runs from 1 to the shard count.");
        }
    }

    /** Returns the whole benchmark as one shard. */
    public static Shard all() {
        return new Shard(1, 1);
    }

    /** Returns whether the {@code k}-th selected item (0-based) belongs to this shard. */
    public boolean contains(int k) {
        return k % count == index - 1;
    }

    /** Returns {@code i/n}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }

    /**
     * Parses {@code i/n}, or {@code auto} to read the shard from the environment (see {@link
     * #fromEnvironment}); {@code countOption} is the shard count given on the command line, or
     * null.
     */
    public static Shard parse(String value, Integer countOption, Map<String, String> env) {
        if (value == null) {
            return all();
        }
        if (value.equals("auto")) {
            return fromEnvironment(env, countOption);
        }
        String[] parts = value.split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MagicvlException.invalidInput("Invalid --shard '" + value + "': use i/n such as 2/3, or auto.");
    }

    /**
     * Reads the shard from the environment of a batch scheduler or CI system, in this order:
     * <ol>
     *   <li>{@code MAGICVL_SHARD_INDEX} (1-based) and {@code MAGICVL_SHARD_COUNT}: any scheduler,
     *       and GitHub Actions, whose matrix values the workflow passes as these variables;
     *   <li>{@code CI_NODE_INDEX} (1-based) and {@code CI_NODE_TOTAL}: GitLab {@code parallel} jobs;
     *   <li>{@code JOB_COMPLETION_INDEX} (0-based): Kubernetes Indexed Jobs, with the job's
     *       {@code completions} given by {@code --shard-count} or {@code MAGICVL_SHARD_COUNT}.
     * </ol>
     */
    public static Shard fromEnvironment(Map<String, String> env, Integer countOption) {
        String index = env.get(INDEX_VARIABLE);
        if (index != null && !index.isBlank()) {
            return new Shard(number(INDEX_VARIABLE, index), count(env, countOption, INDEX_VARIABLE));
        }
        String gitlabIndex = env.get("CI_NODE_INDEX");
        if (gitlabIndex != null && !gitlabIndex.isBlank()) {
            String total = env.get("CI_NODE_TOTAL");
            if (total == null || total.isBlank()) {
                throw MagicvlException.invalidInput("CI_NODE_INDEX is set but CI_NODE_TOTAL is not; GitLab sets both for "
                        + "jobs with 'parallel: N'.");
            }
            return new Shard(number("CI_NODE_INDEX", gitlabIndex), number("CI_NODE_TOTAL", total));
        }
        String completion = env.get("JOB_COMPLETION_INDEX");
        if (completion != null && !completion.isBlank()) {
            return new Shard(number("JOB_COMPLETION_INDEX", completion) + 1,
                    count(env, countOption, "JOB_COMPLETION_INDEX"));
        }
        throw MagicvlException.invalidInput("--shard auto found no shard in the environment: set MAGICVL_SHARD_INDEX "
                + "and MAGICVL_SHARD_COUNT, or run as a GitLab parallel job (CI_NODE_INDEX, CI_NODE_TOTAL) or a "
                + "Kubernetes Indexed Job (JOB_COMPLETION_INDEX with --shard-count).");
    }

    private static int count(Map<String, String> env, Integer countOption, String indexVariable) {
        if (countOption != null) {
            return countOption;
        }
        String count = env.get(COUNT_VARIABLE);
        if (count == null || count.isBlank()) {
            throw MagicvlException.invalidInput(indexVariable + " is set but the shard count is unknown: pass "
                    + "--shard-count N or set " + COUNT_VARIABLE + ".");
        }
        return number(COUNT_VARIABLE, count);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw MagicvlException.invalidInput(name + " must be an integer, found '" + value + "'.");
        }
    }
}
