package io.magicvl.device.loopback;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures a test requests the loopback device to simulate. Each fault fires once: the next push
 * of a device path ending with the given suffix triggers it, then it is cleared.
 */
public final class LoopbackFaults {
    private record Trigger(String pathSuffix, long afterBytes) {}

    private final AtomicReference<Trigger> drop = new AtomicReference<>();
    private final AtomicReference<Trigger> corrupt = new AtomicReference<>();

    /** Drops the whole transport connection once {@code afterBytes} of the matching file arrived. */
    public void dropConnectionDuringPush(String pathSuffix, long afterBytes) {
        drop.set(new Trigger(pathSuffix, afterBytes));
    }

    /** Flips one byte of the matching file after it was received completely. */
    public void corruptNextPush(String pathSuffix) {
        corrupt.set(new Trigger(pathSuffix, 0));
    }

    boolean takeDrop(String devicePath, long receivedBytes) {
        Trigger trigger = drop.get();
        return trigger != null
                && devicePath.endsWith(trigger.pathSuffix())
                && receivedBytes >= trigger.afterBytes()
                && drop.compareAndSet(trigger, null);
    }

    boolean takeCorrupt(String devicePath) {
        Trigger trigger = corrupt.get();
        return trigger != null && devicePath.endsWith(trigger.pathSuffix()) && corrupt.compareAndSet(trigger, null);
    }
}
