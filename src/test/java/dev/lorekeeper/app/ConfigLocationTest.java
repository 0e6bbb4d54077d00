package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --config the bot reads ./lorekeeper.yaml, else ./config/lorekeeper.yaml, else built-in defaults. */
class ConfigLocationTest {
    static void write(Path file, String chainName) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                chains:
                  %s:
                    chain-id: 1
                    rpc-urls: [ "http://127.0.0.1:9" ]
                """.formatted(chainName));
    }

    static LoadedConfig loadIn(Path workDir) {
        return new ConfigOption().loadOrThrow(workDir);
    }

    @Test
    void theWorkingDirectorysFileComesFirstThenTheConfigFolderThenDefaults(@TempDir Path dir) throws Exception {
        write(dir.resolve("lorekeeper.yaml"), "top");
        write(dir.resolve("config/lorekeeper.yaml"), "folder");
        assertThat(loadIn(dir).config().chains()).containsOnlyKeys("top");

        Files.delete(dir.resolve("lorekeeper.yaml"));
        assertThat(loadIn(dir).config().chains()).containsOnlyKeys("folder");

        Files.delete(dir.resolve("config/lorekeeper.yaml"));
        LoadedConfig defaults = loadIn(dir);
        assertThat(defaults.config().chains()).isEmpty();
        assertThat(defaults.source()).isNull();
    }
}
