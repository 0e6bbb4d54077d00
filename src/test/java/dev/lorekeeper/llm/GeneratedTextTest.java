package dev.lorekeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Links and mentions in model and narrator output: only the docs' hosts and configured domains stay clickable. */
class GeneratedTextTest {
    static final GeneratedText OUTPUT = new GeneratedText(AllowedLinks.of(
            "https://docs.example/guide/",
            List.of("https://wiki.project.example/start"),
            List.of("project.example", "https://github.com/")));

    /** What Discord would make clickable: a scheme (any case) followed by a host, or an invite. */
    static boolean clickableOutsideTheAllowList(String text) {
        return java.util.regex.Pattern.compile("(?i)https?:[/\\\\]++(?!docs\\.example|(?:[\\w-]+\\.)*project\\.example"
                                + "|github\\.com)")
                        .matcher(text)
                        .find()
                || text.contains("discord.gg/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[claim your reward](<https://evil.example/claim>)",
                "[claim your reward](https://evil.example/claim)",
                "[claim](  <https://evil.example/claim>  \"Official\")",
                "go to https://evil.example/claim now",
                "go to <https://evil.example/claim>",
                "HTTPS://EVIL.EXAMPLE/claim",
                "ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／claim",
                "https://evil․example/claim",
                "https://evil。example/claim",
                "ht\u200btps://evil.example/claim",
                "h\u200b\u200c\u2060ttps:/\u00ad/evil.example",
                "https://docs.example@evil.example/claim",
                "https://docs.example.evil.example/claim",
                "https://evildocs.example/claim",
                "[https://evil.example](https://docs.example/guide)",
                "join discord.gg/evilserver for the mint",
            })
    void everyForeignLinkIsDefused(String attack) {
        String out = OUTPUT.defuse(attack);
        assertThat(java.text.Normalizer.normalize(out, java.text.Normalizer.Form.NFKC)
                        .replaceAll("\\p{Cf}", ""))
                .as(out)
                .satisfies(
                        t -> assertThat(clickableOutsideTheAllowList(t)).as(t).isFalse());
        assertThat(out).doesNotContain("evil.example", "evil․example", "evil。example");
    }

    @Test
    void aMaskedLinkKeepsItsTextAndShowsTheBrokenHost() {
        assertThat(OUTPUT.defuse("[claim your reward](<https://evil.example/claim>) today"))
                .isEqualTo("claim your reward (evil[.]example) today");
        assertThat(OUTPUT.defuse("see https://evil.example/x/y?z=1.")).isEqualTo("see evil[.]example.");
        assertThat(OUTPUT.defuse("<https://evil.example/x>")).isEqualTo("evil[.]example");
    }

    @Test
    void linksToTheDocsAndConfiguredDomainsStay() {
        assertThat(OUTPUT.defuse("read https://docs.example/guide/mint#price."))
                .isEqualTo("read https://docs.example/guide/mint#price.");
        assertThat(OUTPUT.defuse("the [wiki](https://wiki.project.example/faq) and <https://api.project.example>"))
                .isEqualTo("the wiki (<https://wiki.project.example/faq>) and <https://api.project.example>");
        assertThat(OUTPUT.defuse("code at https://github.com/org/repo"))
                .isEqualTo("code at https://github.com/org/repo");
        assertThat(GeneratedText.strict().defuse("read https://docs.example/guide"))
                .isEqualTo("read docs[.]example");
    }

    @Test
    void mentionsAndTheirLookalikesCanNotPing() {
        assertThat(OUTPUT.defuse("@everyone look <@123> and <@&9> and <@!5>"))
                .isEqualTo("@\u200beveryone look <@\u200b123> and <@\u200b&9> and <@\u200b!5>");
        assertThat(OUTPUT.defuse("＠everyone and ＠here and ＜＠１２３＞ and @every\u200bone"))
                .doesNotContain("@everyone", "@here", "<@123>")
                .isEqualTo("@\u200beveryone and @\u200bhere and <@\u200b123> and @\u200beveryone");
    }

    @Test
    void textAroundLinksIsLeftExactlyAsItWas() {
        String text = "Ember Fox… 火の狐。👨‍👩‍👧 ❤️ ｆｕｌｌｗｉｄｔｈ ① — no links here";
        assertThat(OUTPUT.defuse(text)).isEqualTo(text);
        assertThat(OUTPUT.defuse(OUTPUT.defuse("@here [x](<https://evil.example>)")))
                .isEqualTo(OUTPUT.defuse("@here [x](<https://evil.example>)"));
    }

    @Test
    void membersWordsLoseTheirLinksAndMentionsWhateverTheAllowList() {
        assertThat(GeneratedText.withoutLinksOrMentions("see https://docs.example/x and [free](<https://evil.example>)"
                        + " ｈｔｔｐｓ：／／evil。example @everyone <@123>"))
                .isEqualTo("see (link) and free (link) everyone someone");
    }
}
