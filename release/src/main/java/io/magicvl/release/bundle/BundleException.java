package io.magicvl.release.bundle;

import io.magicvl.core.MagicvlException;

/** Factory for the errors bundle readers raise; every message names the bundle and the entry. */
final class BundleException {
    private BundleException() {}

    /** Creates the error for an entry rejected as unsafe, a failed check (exit code 1). */
    static MagicvlException unsafeEntry(Object bundle, String entry, String reason) {
        return MagicvlException.checkFailed("Rejected " + bundle + ": entry '" + entry + "' " + reason);
    }
}
