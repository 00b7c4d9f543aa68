package io.magicvl.device.bench;

/**
 * One attempt at a run: valid, or discarded with the reason (throttling), with the thermal
 * readings before and the worst during it, and its wall time in seconds.
 */
public record Attempt(int number, boolean valid, String reason, String thermalBefore, String thermalWorst,
        double wallSeconds) {}
