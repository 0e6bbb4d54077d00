package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.LocalSigner;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The server's moderator role (set with /settings moderator-role) opens the moderator commands to members without
 * Manage Server: /wallets of at once, and /docs and /stats once the server lets that role see them (Discord shows
 * commands with default permissions only to members who have those permissions, unless the server overrides it).
 */
class ModeratorRoleTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    /** A server whose moderator role is Helpers; its holder has no permissions of their own. */
    record Server(FakeGuild guild, FakeRole helpers, FakeMember helper) {}

    static Server server(String name) {
        FakeGuild guild = bot.get().discord.guild(name);
        bot.get().discord.awaitBotReady(guild);
        FakeRole helpers = guild.role("Helpers");
        assertThat(guild.owner()
                        .slash("settings moderator-role", Map.of("role", helpers))
                        .reply()
                        .content())
                .contains("Moderator role: <@&" + helpers.id() + ">");
        return new Server(guild, helpers, guild.member("helper", helpers));
    }

    @Test
    void theModeratorRoleSeesAMembersFullWalletsAndOthersDoNot() {
        Server s = server("Wallet Desk");
        FakeMember erin = s.guild().member("erin");
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0xE41Bl));
        String address = Keys.toChecksumAddress(Keys.getAddress(key));
        assertThat(ManualVerify.link(erin, address, m -> LocalSigner.personalSign(m, key))
                        .content())
                .contains("is now linked");

        FakeMessage seen =
                s.helper().slash("wallets of", Map.of("member", erin)).reply();
        assertThat(seen.ephemeral()).isTrue();
        assertThat(seen.content()).contains(address);
        FakeMessage refused = s.guild()
                .member("nosy")
                .slash("wallets of", Map.of("member", erin))
                .reply();
        assertThat(refused.content()).contains("Only moderators").doesNotContain(address);
    }

    @Test
    void theModeratorRoleUsesDocsAndStatsOnceTheServerShowsItTheCommands() {
        Server s = server("Stats Desk");
        s.guild().allowCommandFor("docs", s.helpers());
        s.guild().allowCommandFor("stats", s.helpers());

        assertThat(s.helper().runs("/docs gaps").reply().content()).contains("No gaps in the last 30 days");
        FakeMessage qa = s.helper().runs("/docs stats").reply();
        assertThat(qa.content()).contains("Q&A, last 30 days");
        assertThat(qa.files()).containsKey("qa-stats.png");
        assertThat(s.helper().runs("/docs reload").reply().content()).contains("no docs folder");
        assertThat(s.helper().runs("/stats").reply().content()).contains("LLM usage");

        // The server may show the command to anyone; the bot still asks for the moderator role.
        FakeRole fans = s.guild().role("Fans");
        s.guild().allowCommandFor("stats", fans);
        assertThat(s.guild().member("fan", fans).runs("/stats").reply().content())
                .contains("Only moderators can use /stats.");
    }

    @Test
    void withoutTheServersOverrideDiscordHidesDocsAndStatsFromTheModeratorRole() {
        Server s = server("Hidden Desk");
        assertThatThrownBy(() -> s.helper().runs("/docs stats")).hasMessageContaining("cannot see /docs");
        assertThatThrownBy(() -> s.helper().runs("/stats")).hasMessageContaining("cannot see /stats");
    }
}
