package io.magicvl.validator.compare;

import io.magicvl.validator.score.HallusionScore.GroupedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the bootstrap clusters of each metric from paired per-item results. */
final class ClusterBuilder {
    private ClusterBuilder() {}

    /** OCRBench: one cluster per item, the metric is the number of correct items (optionally of one type). */
    static Bootstrap.Clusters itemSums(boolean[] baseline, boolean[] candidate, boolean[] include) {
        int n = baseline.length;
        double[][][] num = new double[1][2][n];
        double[][] den = new double[1][n];
        for (int i = 0; i < n; i++) {
            if (include[i]) {
                num[0][0][i] = baseline[i] ? 1 : 0;
                num[0][1][i] = candidate[i] ? 1 : 0;
            }
            den[0][i] = 1;
        }
        return new Bootstrap.Clusters(num, den, 1.0, true);
    }

    /** HallusionBench aAcc: one cluster per counted question. */
    static Bootstrap.Clusters questions(List<GroupedItem> baseline, List<GroupedItem> candidate) {
        int n = baseline.size();
        double[][][] num = new double[1][2][n];
        double[][] den = new double[1][n];
        for (int i = 0; i < n; i++) {
            num[0][0][i] = baseline.get(i).correct() ? 1 : 0;
            num[0][1][i] = candidate.get(i).correct() ? 1 : 0;
            den[0][i] = 1;
        }
        return new Bootstrap.Clusters(num, den, 100.0, false);
    }

    /** HallusionBench fAcc or qAcc: one cluster per group (figure or question pair). */
    static Bootstrap.Clusters groups(List<GroupedItem> baseline, List<GroupedItem> candidate,
            Function<GroupedItem, String> key) {
        Map<String, boolean[]> groups = new LinkedHashMap<>();
        for (int i = 0; i < baseline.size(); i++) {
            String k = key.apply(baseline.get(i));
            if (k == null) {
                continue;
            }
            boolean[] all = groups.computeIfAbsent(k, x -> new boolean[] {true, true});
            all[0] &= baseline.get(i).correct();
            all[1] &= candidate.get(i).correct();
        }
        int n = groups.size();
        double[][][] num = new double[1][2][n];
        double[][] den = new double[1][n];
        int g = 0;
        for (boolean[] all : groups.values()) {
            num[0][0][g] = all[0] ? 1 : 0;
            num[0][1][g] = all[1] ? 1 : 0;
            den[0][g] = 1;
            g++;
        }
        return new Bootstrap.Clusters(num, den, 100.0, false);
    }

    /**
     * HallusionBench mean of aAcc, fAcc and qAcc: one cluster per set
     * ({@code category_subcategory_set}), which contains its figures and question pairs whole.
     */
    static Bootstrap.Clusters sets(List<GroupedItem> baseline, List<GroupedItem> candidate) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < baseline.size(); i++) {
            members.computeIfAbsent(baseline.get(i).setKey(), k -> new ArrayList<>()).add(i);
        }
        int n = members.size();
        double[][][] num = new double[3][2][n];
        double[][] den = new double[3][n];
        int s = 0;
        for (List<Integer> indices : members.values()) {
            List<GroupedItem> b = new ArrayList<>();
            List<GroupedItem> c = new ArrayList<>();
            for (int i : indices) {
                b.add(baseline.get(i));
                c.add(candidate.get(i));
            }
            Bootstrap.Clusters items = questions(b, c);
            Bootstrap.Clusters figures = groups(b, c, GroupedItem::figureKey);
            Bootstrap.Clusters pairs = groups(b, c, GroupedItem::pairKey);
            Bootstrap.Clusters[] parts = {items, figures, pairs};
            for (int m = 0; m < 3; m++) {
                for (int side = 0; side < 2; side++) {
                    num[m][side][s] = sum(parts[m].numerators()[0][side]);
                }
                den[m][s] = sum(parts[m].denominators()[0]);
            }
            s++;
        }
        return new Bootstrap.Clusters(num, den, 100.0, false);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
