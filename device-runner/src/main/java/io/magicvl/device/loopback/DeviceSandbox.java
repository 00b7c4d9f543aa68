package io.magicvl.device.loopback;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folder that stands for the loopback device's file system: device path {@code /X} is
 * {@code ROOT/X}. The shell's working directory is {@code /data/local/tmp}. Battery values
 * live in {@code /sys/class/power_supply/battery}, thermal zones in {@code /sys/class/thermal},
 * and the Android thermal status ({@code dumpsys thermalservice}) in {@code /loopback/thermal_status}.
 *
 * <p>NOTE: commands run as this machine's user with the host's {@code /bin/sh}; rewriting the
 * absolute device paths they name keeps honest commands inside the root, but it is not a
 * security boundary (a command can still {@code cd ..}).
 */
public final class DeviceSandbox {
    /** The working directory of device commands and the usual push target. */
    public static final String WORK_DIR = "/data/local/tmp";
    /** Device path of the file holding the thermal status (0 none .. 6 shutdown). */
    public static final String THERMAL_STATUS = "/loopback/thermal_status";
    /** Device folder of the battery's {@code current_now}, {@code voltage_now} and {@code status}. */
    public static final String BATTERY_DIR = "/sys/class/power_supply/battery";

    /** Absolute device paths under these top-level folders are mapped into the root. */
    private static final Pattern DEVICE_PATH = Pattern.compile(
            "(?<![^\\s'\"=;(|&<>])/(?:data|sdcard|sys|storage|loopback)(?=[/\\s'\";|&<>)]|$)[^\\s'\";|&<>)]*");

    private final Path root;

    public DeviceSandbox(Path root) {
        this.root = root.toAbsolutePath().normalize();
        String text = this.root.toString();
        if (!text.matches("[A-Za-z0-9_./+-]+")) {
            throw MagicvlException.invalidInput("Loopback root " + text
                    + " contains characters that device commands cannot carry (use letters, digits, '_', '.', '-', '/').");
        }
    }

    public Path root() {
        return root;
    }

    /** Returns the host file for a device path; relative paths start at {@link #WORK_DIR}. */
    public Path map(String devicePath) {
        String absolute = devicePath.startsWith("/") ? devicePath : WORK_DIR + "/" + devicePath;
        Path mapped = root.resolve(absolute.substring(1)).normalize();
        if (!mapped.startsWith(root)) {
            throw new SandboxViolation(devicePath);
        }
        return mapped;
    }

    /** Rewrites the absolute device paths in a shell command to host paths inside the root. */
    public String rewriteCommand(String command) {
        Matcher matcher = DEVICE_PATH.matcher(command);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(map(matcher.group()).toString()));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** Returns the host folder that is the shell's working directory. */
    public Path workDir() {
        return map(WORK_DIR);
    }

    /**
     * Creates the device layout and the {@code dumpsys} and {@code getprop} helpers, keeping
     * any file that already exists so a test or user can preset values.
     */
    public void prepare() {
        try {
            Files.createDirectories(workDir());
            Path zone = map("/sys/class/thermal/thermal_zone0");
            Files.createDirectories(zone);
            writeIfAbsent(zone.resolve("type"), "cpu-0\n");
            writeIfAbsent(zone.resolve("temp"), "35000\n");
            writeIfAbsent(map(THERMAL_STATUS), "0\n");
            Path bin = map("/system/bin");
            Files.createDirectories(bin);
            writeScript(bin.resolve("dumpsys"), LoopbackScripts.DUMPSYS);
            writeScript(bin.resolve("getprop"), LoopbackScripts.GETPROP);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the loopback device root " + root, e);
        }
    }

    /** Host folder prepended to PATH for device commands. */
    public Path binDir() {
        return root.resolve("system/bin");
    }

    private static void writeIfAbsent(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    private static void writeScript(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A device path that leaves the sandbox root. */
    public static final class SandboxViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SandboxViolation(String devicePath) {
            super("path " + devicePath + " escapes the loopback device root");
        }
    }
}
