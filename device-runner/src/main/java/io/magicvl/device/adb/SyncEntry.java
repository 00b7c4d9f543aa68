package io.magicvl.device.adb;

/** One {@code DENT} of a sync {@code LIST}. */
public record SyncEntry(String name, SyncStat stat) {}
