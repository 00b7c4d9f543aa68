package io.magicvl.validator.compare;

/**
 * McNemar's test on paired per-item correctness. With fewer than {@value #EXACT_BELOW}
 * discordant items the two-sided p-value is the exact binomial one (discordant items split
 * 50/50 under the null hypothesis); otherwise the chi-square statistic with continuity
 * correction, (|b - c| - 1)^2 / (b + c), with one degree of freedom.
 *
 * @param broken items the baseline got right and the candidate got wrong
 * @param fixed items the baseline got wrong and the candidate got right
 * @param statistic the chi-square statistic, or NaN for the exact test
 */
public record McNemar(int broken, int fixed, String method, double statistic, double pValue) {
    /** Discordant counts below this use the exact binomial test. */
    public static final int EXACT_BELOW = 25;

    /** Tests {@code broken} against {@code fixed}. */
    public static McNemar test(int broken, int fixed) {
        int n = broken + fixed;
        if (n == 0) {
            return new McNemar(broken, fixed, "exact-binomial", Double.NaN, 1.0);
        }
        if (n < EXACT_BELOW) {
            int k = Math.min(broken, fixed);
            double tail = 0;
            for (int i = 0; i <= k; i++) {
                tail += Math.exp(logChoose(n, i) - n * Math.log(2));
            }
            return new McNemar(broken, fixed, "exact-binomial", Double.NaN, Math.min(1.0, 2 * tail));
        }
        double diff = Math.abs(broken - fixed) - 1.0;
        double chi2 = Math.max(diff, 0) * Math.max(diff, 0) / n;
        return new McNemar(broken, fixed, "chi-square-corrected", chi2, chiSquareOneDfUpperTail(chi2));
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }

    /**
     * Returns P(X > x) for a chi-square variable with one degree of freedom: the regularized
     * upper incomplete gamma function Q(1/2, x/2).
     */
    static double chiSquareOneDfUpperTail(double x) {
        if (x <= 0) {
            return 1.0;
        }
        double a = 0.5;
        double z = x / 2;
        double logPrefix = a * Math.log(z) - z - 0.5 * Math.log(Math.PI);
        if (z < a + 1) {
            // Series for the lower function P(a, z).
            double term = 1.0 / a;
            double sum = term;
            for (int n = 1; n < 500; n++) {
                term *= z / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return 1.0 - Math.exp(logPrefix) * sum;
        }
        // Continued fraction for Q(a, z), evaluated with the modified Lentz method.
        double tiny = 1e-300;
        double b = z + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 500; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }
}
