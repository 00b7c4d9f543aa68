package io.magicvl.runtime.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** InternVL2.5 grids worked out by hand from the selection rule (tile 448). */
class InternVlGridTest {
    @ParameterizedTest(name = "{0}x{1}, tiles {2}..{3} -> {4}x{5}")
    @CsvSource({
        // Square images: every n x n grid ties; each switch needs W*H > 0.5*448^2*n^2.
        "448, 448, 1, 12, 1, 1",
        "900, 900, 1, 12, 2, 2",
        "1000, 1000, 1, 12, 3, 3",
        // Aspect 1.5 with at most 2 tiles: 1x1 and 2x1 tie at distance 0.5.
        "300, 200, 1, 2, 1, 1",
        "1200, 800, 1, 2, 2, 1",
        // Exact aspect ratios pick their grid.
        "2000, 500, 1, 12, 4, 1",
        "500, 1500, 1, 12, 1, 3",
        "1344, 896, 1, 12, 3, 2",
        // A minimum of 2 tiles excludes 1x1.
        "448, 448, 2, 12, 2, 2",
        // Very wide images take the widest allowed grid.
        "5000, 100, 1, 6, 6, 1"
    })
    void chooseMatchesHandComputedGrid(int width, int height, int min, int max, int cols, int rows) {
        InternVlGrid grid = InternVlGrid.choose(width, height, min, max, 448);

        assertEquals(cols, grid.cols(), "cols");
        assertEquals(rows, grid.rows(), "rows");
    }
}
