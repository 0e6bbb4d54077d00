package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.config.DiscordConfig;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import java.util.Map;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-server settings through Discord: moderators change them, each server keeps its own, /about follows. */
class SettingsCommandTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    @Test
    void moderatorSwitchesAFeatureOffInOneServerOnly() {
        FakeGuild one = bot.get().discord.guild("One");
        FakeGuild two = bot.get().discord.guild("Two");
        bot.get().discord.awaitBotReady(one);
        bot.get().discord.awaitBotReady(two);
        FakeMember mod = one.member("mod", one.role("Mods", Perms.MANAGE_GUILD));
        FakeMessage saved =
                mod.runs("/settings feature name:verification state:off").reply();
        assertThat(saved.ephemeral()).isTrue();
        assertThat(saved.content()).contains("Saved.", "verification off");

        assertThat(one.member("a").runs("/about").reply().content())
                .contains("Wallet verification**: not enabled — switched off by this server's moderators");
        assertThat(two.member("b").runs("/about").reply().content()).contains("Wallet verification**: enabled");
        assertThat(one.member("c").runs("/verify").reply().content()).contains("switched off in this server");
    }

    @Test
    void settingsAreHiddenFromMembersWithoutManageServer() {
        FakeGuild g = bot.get().discord.guild("Hidden");
        bot.get().discord.awaitBotReady(g);
        FakeMember member = g.member("member");
        assertThatThrownBy(() -> member.runs("/settings show")).hasMessageContaining("cannot see /settings");
    }

    @Test
    void channelAndRoleSettingsAreShownAsMentionsWithoutPinging() {
        FakeGuild g = bot.get().discord.guild("Channels");
        bot.get().discord.awaitBotReady(g);
        FakeMember owner = g.member("admin", g.role("Admins", Perms.ADMINISTRATOR));
        var audit = g.channel("audit");
        FakeMessage r =
                owner.slash("settings audit-channel", Map.of("channel", audit)).reply();
        assertThat(r.content()).contains("Audit channel: " + audit.mention());
        FakeMessage mods = owner.slash("settings moderator-role", Map.of("role", g.role("Helpers")))
                .reply();
        assertThat(mods.content()).contains("Moderator role: <@&");
        assertThat(mods.mentionsNothing()).isTrue();
        FakeMessage bad = owner.slash("settings qa-channels", Map.of("channels", "general, 123"))
                .reply();
        assertThat(bad.content()).startsWith("Not changed:").contains("'general' is not one");
        FakeMessage reset = owner.slash("settings reset", Map.of("setting", "audit-channel"))
                .reply();
        assertThat(reset.content()).contains("Audit channel: none");
    }

    @Test
    void messageContentIntentOnlyWhenMentionAnsweringIsOn() {
        assertThat(DiscordBot.intents(DiscordConfig.defaults()))
                .contains(GatewayIntent.GUILD_MEMBERS)
                .doesNotContain(GatewayIntent.MESSAGE_CONTENT);
        assertThat(DiscordBot.intents(new DiscordConfig("t", null, null, null, true, null)))
                .contains(GatewayIntent.MESSAGE_CONTENT);
    }
}
