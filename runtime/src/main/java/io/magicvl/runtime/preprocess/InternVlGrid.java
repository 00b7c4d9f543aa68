package io.magicvl.runtime.preprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * InternVL2.5's dynamic tiling: the grid of {@code cols x rows} tiles whose aspect ratio is
 * closest to the image's, among all grids with {@code minTiles <= cols * rows <= maxTiles}.
 *
 * <p>Candidates are visited by ascending tile count. A candidate replaces the best one when
 * its aspect-ratio difference is smaller, or when it is exactly equal and the image area
 * exceeds half of the candidate's pixel area ({@code W * H > 0.5 * S^2 * cols * rows}), so a
 * large image moves to the larger of two equally close grids.
 *
 * <p>NOTE: InternVL's reference orders candidates with the same tile count by Python set
 * iteration order. Here they are ordered by columns, then rows. Only a tie between two grids
 * of the same tile count could choose differently, and then both have the same size test.
 */
public record InternVlGrid(int cols, int rows) {

    /** Returns the number of tiles, thumbnail excluded. */
    public int tiles() {
        return cols * rows;
    }

    /** Chooses the grid for an image of {@code width} x {@code height} pixels. */
    public static InternVlGrid choose(int width, int height, int minTiles, int maxTiles, int tileSize) {
        double aspect = (double) width / height;
        double area = (double) width * height;
        InternVlGrid best = new InternVlGrid(1, 1);
        double bestDiff = Double.POSITIVE_INFINITY;
        for (InternVlGrid candidate : candidates(minTiles, maxTiles)) {
            double diff = Math.abs(aspect - (double) candidate.cols / candidate.rows);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = candidate;
            } else if (diff == bestDiff && area > 0.5 * tileSize * tileSize * candidate.cols * candidate.rows) {
                best = candidate;
            }
        }
        return best;
    }

    /** Returns every grid with {@code minTiles <= cols * rows <= maxTiles}, by tile count. */
    static List<InternVlGrid> candidates(int minTiles, int maxTiles) {
        List<InternVlGrid> grids = new ArrayList<>();
        for (int cols = 1; cols <= maxTiles; cols++) {
            for (int rows = 1; rows <= maxTiles; rows++) {
                int tiles = cols * rows;
                if (tiles >= minTiles && tiles <= maxTiles) {
                    grids.add(new InternVlGrid(cols, rows));
                }
            }
        }
        grids.sort(Comparator.comparingInt(InternVlGrid::tiles));
        return grids;
    }
}
