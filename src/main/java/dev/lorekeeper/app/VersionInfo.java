package dev.lorekeeper.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version baked into the jar at build time. */
public final class VersionInfo implements CommandLine.IVersionProvider {
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/lorekeeper-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Lorekeeper " + version(), "Java " + System.getProperty("java.version")};
    }
}
