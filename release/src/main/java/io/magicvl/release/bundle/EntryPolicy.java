package io.magicvl.release.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Decides which tar entries a bundle may contain: regular files and directories with plain
 * relative names. Everything else is rejected with the reason, which covers absolute paths,
 * {@code ..} and other traversal, and every kind of link or special file.
 *
 * <p>Links are rejected outright, even ones that would stay inside the target: {@code pack}
 * never writes them, so a link in a bundle means the archive did not come from magicvl, and
 * refusing them removes every link-based escape without having to resolve targets.
 */
public final class EntryPolicy {
    private EntryPolicy() {}

    /**
     * Returns the problem with {@code entry}, or null when the bundle may contain it.
     *
     * @param entry a tar entry after PAX and GNU long-name headers were applied
     */
    public static String problemWith(TarArchiveEntry entry) {
        String typeProblem = typeProblem(entry);
        if (typeProblem != null) {
            return typeProblem;
        }
        return nameProblem(entry.getName(), entry.isDirectory());
    }

    /** Returns the entry name without the trailing slash of a directory. */
    public static String pathOf(TarArchiveEntry entry) {
        String name = entry.getName();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static String typeProblem(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "is a symbolic link (to '" + entry.getLinkName() + "'); bundles contain no links";
        }
        if (entry.isLink()) {
            return "is a hard link (to '" + entry.getLinkName() + "'); bundles contain no links";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "is a device file; bundles contain only regular files and directories";
        }
        if (entry.isFIFO()) {
            return "is a FIFO; bundles contain only regular files and directories";
        }
        if (entry.isSparse() || entry.isGNUSparse() || entry.isStarSparse() || entry.isPaxGNUSparse()) {
            return "is a sparse file; bundles contain only regular files and directories";
        }
        byte flag = entry.getLinkFlag();
        boolean plain = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM;
        if (!plain && flag != TarConstants.LF_DIR) {
            return "has unsupported tar entry type '" + (char) flag + "'";
        }
        return null;
    }

    /**
     * Returns the problem with a relative entry name, or null if it is a plain relative path:
     * not empty, not absolute, no backslash, NUL or drive letter, and no empty, {@code .} or
     * {@code ..} segment.
     */
    public static String nameProblem(String name, boolean directory) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        if (name.startsWith("/")) {
            return "has an absolute path";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash; entry names use '/' only";
        }
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "starts with a drive letter";
        }
        String path = directory && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "contains '..' and would leave the target folder";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "is not a normalized path (empty or '.' segment)";
            }
        }
        return null;
    }
}
