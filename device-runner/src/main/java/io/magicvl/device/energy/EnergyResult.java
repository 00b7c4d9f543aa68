package io.magicvl.device.energy;

/**
 * Energy of one run's steady state. When {@code available} is false, {@code reason} gives the cause
 * and every number is NaN: the runner never estimates a missing measurement.
 *
 * @param idleWatts mean power of the idle window before the model was loaded
 * @param grossJoules energy over the steady-state window
 * @param netJoules gross minus idle power times the window length
 * @param perImageJ net joules per answered image
 * @param perTokenJ net joules per generated token
 * @param trace power over the steady-state window (seconds from its start), for plots
 */
public record EnergyResult(
        String source,
        boolean available,
        String reason,
        String convention,
        double idleWatts,
        double grossJoules,
        double netJoules,
        double seconds,
        int images,
        int tokens,
        double perImageJ,
        double perTokenJ,
        PowerTrace trace) {

    /** Returns the result for a run without a usable source, every number NaN. */
    public static EnergyResult unavailable(String source, String reason) {
        return new EnergyResult(source, false, reason, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                Double.NaN, Double.NaN, new PowerTrace(new double[0], new double[0]));
    }

    /**
     * Integrates {@code trace} over the steady window {@code [from, to]}, subtracts the mean
     * power of {@code [idleFrom, idleTo]} and divides by images and tokens.
     */
    public static EnergyResult integrate(String source, String convention, PowerTrace trace, double idleFrom,
            double idleTo, double from, double to, int images, int tokens) {
        if (!trace.covers(from, to)) {
            return unavailable(source, String.format(
                    "the %s samples (%d) do not cover the steady state %.3f..%.3f s; lower energy.sample_interval_ms "
                            + "or run more iterations", source, trace.seconds().length, from, to));
        }
        double idle = trace.covers(idleFrom, idleTo) && idleTo > idleFrom ? trace.meanWatts(idleFrom, idleTo) : Double.NaN;
        if (Double.isNaN(idle)) {
            return unavailable(source, "no samples cover the idle window; raise energy.idle_seconds");
        }
        double gross = trace.joules(from, to);
        double net = gross - idle * (to - from);
        return new EnergyResult(source, true, "", convention, idle, gross, net, to - from, images, tokens,
                images > 0 ? net / images : Double.NaN, tokens > 0 ? net / tokens : Double.NaN, trace.window(from, to));
    }
}
