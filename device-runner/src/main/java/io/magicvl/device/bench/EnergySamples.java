package io.magicvl.device.bench;

import java.util.List;

/**
 * Raw energy readings taken on the device during one run. {@code times} are seconds on the
 * benchmark's clock; each row of {@code values} holds the source's raw numbers:
 * {@code battery}: current_now, voltage_now; {@code rapl}: cumulative µJ summed over packages;
 * {@code odpm}: cumulative µW·s summed over the chosen rails. {@code counterRange} is the wrap
 * range of a cumulative counter (0 when it does not wrap). {@code error} explains a source
 * that could not be read.
 */
public record EnergySamples(
        String source,
        List<Double> times,
        List<double[]> values,
        double counterRange,
        String batteryStatus,
        List<String> rails,
        String error) {}
