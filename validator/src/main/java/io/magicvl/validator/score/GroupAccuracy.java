package io.magicvl.validator.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy over groups of items where a group counts only when all its members are correct,
 * the rule behind HallusionBench's fAcc (figures) and qAcc (question pairs).
 */
public final class GroupAccuracy {
    private final Map<String, int[]> groups = new LinkedHashMap<>();

    /** Adds one item to group {@code key}. */
    public void add(String key, boolean correct) {
        int[] counts = groups.computeIfAbsent(key, k -> new int[2]);
        counts[0]++;
        if (correct) {
            counts[1]++;
        }
    }

    /** Returns the number of groups. */
    public int groups() {
        return groups.size();
    }

    /** Returns the number of groups whose members are all correct. */
    public int allCorrect() {
        int n = 0;
        for (int[] counts : groups.values()) {
            if (counts[1] == counts[0]) {
                n++;
            }
        }
        return n;
    }

    /** Returns the number of groups with no correct member. */
    public int noneCorrect() {
        int n = 0;
        for (int[] counts : groups.values()) {
            if (counts[1] == 0) {
                n++;
            }
        }
        return n;
    }

    /** Returns the mean over groups of the fraction of correct members. */
    public double meanFraction() {
        double sum = 0;
        for (int[] counts : groups.values()) {
            sum += counts[1] / (double) counts[0];
        }
        return sum / groups.size();
    }

    /** Returns {@code allCorrect / groups * 100}, NaN without groups, computed as pandas and the official script do. */
    public double percent() {
        return groups.isEmpty() ? Double.NaN : (allCorrect() / (double) groups.size()) * 100;
    }

    /** Returns, per group key, whether all members are correct. */
    public Map<String, Boolean> outcomes() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        groups.forEach((key, counts) -> out.put(key, counts[1] == counts[0]));
        return out;
    }
}
