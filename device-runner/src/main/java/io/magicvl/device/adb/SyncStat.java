package io.magicvl.device.adb;

/** The response to a sync {@code STAT}: Unix mode bits, size in bytes, mtime in seconds. */
public record SyncStat(int mode, long size, long mtimeSeconds) {
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;

    /** Returns whether the path exists (a sync v1 STAT of a missing path is all zeros). */
    public boolean exists() {
        return mode != 0 || size != 0 || mtimeSeconds != 0;
    }

    public boolean isDirectory() {
        return (mode & TYPE_MASK) == DIRECTORY;
    }

    public boolean isRegularFile() {
        return (mode & TYPE_MASK) == REGULAR;
    }
}
