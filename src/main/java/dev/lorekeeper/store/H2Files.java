package dev.lorekeeper.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded database holds wallet links and members' questions: its folder and files are readable by the bot's
 * own user only, whatever the umask of the shell that started it.
 */
final class H2Files {
    private static final Pattern FILE_URL = Pattern.compile("(?i)jdbc:h2:(?:file:)?([^;:][^;]*)");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private H2Files() {}

    /** The database file's base path for an H2 file URL; empty for in-memory and server URLs. */
    static Optional<Path> basePath(String jdbcUrl) {
        if (jdbcUrl.regionMatches(true, 0, "jdbc:h2:mem:", 0, 12)
                || jdbcUrl.regionMatches(true, 0, "jdbc:h2:tcp:", 0, 12)
                || jdbcUrl.regionMatches(true, 0, "jdbc:h2:ssl:", 0, 12)) {
            return Optional.empty();
        }
        Matcher m = FILE_URL.matcher(jdbcUrl);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        String path = m.group(1).startsWith("~")
                ? System.getProperty("user.home") + m.group(1).substring(1)
                : m.group(1);
        return Optional.of(Path.of(path).toAbsolutePath());
    }

    /** Before opening: the folder exists and only its owner may enter it. */
    static void prepare(String jdbcUrl) {
        basePath(jdbcUrl).map(Path::getParent).ifPresent(dir -> {
            try {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    restrict(dir, OWNER_DIR);
                }
            } catch (IOException e) {
                throw new StoreException(
                        "cannot create the database folder " + dir + ": " + e.getMessage()
                                + " (check storage.jdbc-url and the folder's permissions)",
                        e);
            }
        });
    }

    /** After opening: every file of this database is the owner's alone. */
    static void restrictFiles(String jdbcUrl) {
        basePath(jdbcUrl).ifPresent(base -> {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(base.getParent(), base.getFileName() + ".*")) {
                for (Path f : files) {
                    restrict(f, OWNER_FILE);
                }
            } catch (IOException e) {
                throw new StoreException(
                        "cannot restrict the database files in " + base.getParent() + ": " + e.getMessage(), e);
            }
        });
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, perms);
        }
    }
}
