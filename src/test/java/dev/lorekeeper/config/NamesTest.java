package dev.lorekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void kebabCasesComponentNames() {
        assertThat(Names.kebab("apiBaseUrl")).isEqualTo("api-base-url");
        assertThat(Names.kebab("token")).isEqualTo("token");
    }

    @Test
    void suggestsOnlyPlausibleTypos() {
        List<String> known = List.of("token", "dev-guild-id", "api-base-url");
        assertThat(Names.nearest("tokne", known)).contains("token");
        assertThat(Names.nearest("dev-gild-id", known)).contains("dev-guild-id");
        assertThat(Names.nearest("completely-different", known)).isEmpty();
    }
}
