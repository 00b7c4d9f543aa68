package io.magicvl.device.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark program for JVM devices: a folder of jars with a runnable launcher jar, started
 * with {@code java -jar kit/magicvl-bench.jar}. It is assembled from this JVM's class path (the
 * device-runner, runtime and ONNX Runtime jars and their dependencies), so it is exactly the
 * code that runs here. Class folders (a development build) become jars with fixed timestamps,
 * so their hashes stay stable and the push can skip them when unchanged.
 */
public final class BenchKit {
    private static final Logger LOG = LoggerFactory.getLogger(BenchKit.class);
    /** Test and build tooling jars that the benchmark never loads. */
    private static final List<String> EXCLUDED_PREFIXES = List.of("junit-", "opentest4j", "apiguardian", "surefire",
            "maven-", "common-java5", "common-junit", "slf4j-simple", "picocli");
    private static final FileTime FIXED_TIME = FileTime.fromMillis(1767225600000L); // 2026-01-01T00:00:00Z

    private BenchKit() {}

    /** Fills {@code kitDir} with symbolic links to the class path jars and jars of the class folders. */
    public static Path assemble(Path kitDir) throws IOException {
        Files.createDirectories(kitDir);
        Set<Path> entries = new LinkedHashSet<>();
        for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!element.isBlank()) {
                addWithManifestClassPath(Path.of(element).toAbsolutePath().normalize(), entries);
            }
        }
        int index = 0;
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (EXCLUDED_PREFIXES.stream().anyMatch(name::startsWith) || name.equals("test-classes")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                String jarName = String.format("%02d-%s.jar", index++, entry.getParent().getParent().getFileName());
                jarFolder(entry, kitDir.resolve(jarName));
            } else if (Files.isRegularFile(entry) && name.endsWith(".jar")) {
                Path link = kitDir.resolve(name);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, entry);
                }
            }
        }
        writeLauncher(kitDir);
        LOG.debug("bench kit assembled in {}", kitDir);
        return kitDir;
    }

    /** Name of the runnable jar: {@code java -jar kit/magicvl-bench.jar ARGS} starts {@link BenchMain}. */
    public static final String LAUNCHER = "magicvl-bench.jar";

    /** Writes the runnable jar, whose manifest names the main class and the other jars of the kit. */
    private static void writeLauncher(Path kitDir) throws IOException {
        List<String> jars;
        try (Stream<Path> list = Files.list(kitDir)) {
            jars = list.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".jar") && !name.equals(LAUNCHER))
                    .sorted()
                    .toList();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, BenchMain.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", jars));
        try (OutputStream out = Files.newOutputStream(kitDir.resolve(LAUNCHER));
                JarOutputStream jar = new JarOutputStream(out)) {
            ZipEntry entry = new ZipEntry(JarFile.MANIFEST_NAME);
            entry.setLastModifiedTime(FIXED_TIME);
            jar.putNextEntry(entry);
            manifest.write(jar);
            jar.closeEntry();
        }
    }

    private static void addWithManifestClassPath(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            if (jar.getManifest() == null) {
                return;
            }
            String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                for (String relative : classPath.trim().split("\\s+")) {
                    addWithManifestClassPath(entry.getParent().resolve(relative).normalize(), entries);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read the manifest of {}: {}", entry, e.toString());
        }
    }

    private static void jarFolder(Path folder, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
                entry.setLastModifiedTime(FIXED_TIME);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
