package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.settings.GuildSettings;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.settings.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** /settings: moderators view and change this server's settings; the config file supplies the defaults. */
public final class SettingsCommand implements SlashCommand {
    static final String OPTION_CHANNEL = "channel";
    static final String OPTION_CHANNELS = "channels";
    static final String OPTION_NAME = "name";
    static final String OPTION_ROLE = "role";
    static final String OPTION_SETTING = "setting";
    static final String OPTION_STATE = "state";
    private final GuildSettingsService settings;

    public SettingsCommand(GuildSettingsService settings) {
        this.settings = settings;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        OptionData feature = new OptionData(OptionType.STRING, OPTION_NAME, "Feature", true);
        OptionData setting = new OptionData(OptionType.STRING, OPTION_SETTING, "Setting to reset", true);
        for (Setting s : Setting.values()) {
            setting.addChoice(s.key(), s.key());
            if (s.kind() == Setting.Kind.SWITCH && s.key().startsWith("feature.")) {
                feature.addChoice(s.key().substring("feature.".length()), s.key());
            }
        }
        return Commands.slash("settings", "View or change Lorekeeper's settings for this server")
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .addSubcommands(
                        new SubcommandData("show", "Show the current settings"),
                        new SubcommandData("feature", "Switch a feature on or off")
                                .addOptions(
                                        feature,
                                        new OptionData(OptionType.STRING, OPTION_STATE, "on or off", true)
                                                .addChoice("on", "on")
                                                .addChoice("off", "off")),
                        new SubcommandData("audit-channel", "Where role changes and alerts are posted")
                                .addOption(OptionType.CHANNEL, OPTION_CHANNEL, "Audit channel", true),
                        new SubcommandData("moderator-role", "Role whose members may use moderator commands")
                                .addOption(OptionType.ROLE, OPTION_ROLE, "Moderator role", true),
                        new SubcommandData("qa-channels", "Channels where mentioning the bot answers questions")
                                .addOption(
                                        OptionType.STRING,
                                        OPTION_CHANNELS,
                                        "Channel mentions or ids, comma separated",
                                        true),
                        new SubcommandData(
                                        "delegation",
                                        "Count cold wallets delegated (delegate.xyz) to a " + "verified wallet")
                                .addOptions(new OptionData(OptionType.STRING, OPTION_STATE, "on or off", true)
                                        .addChoice("on", "on")
                                        .addChoice("off", "off")),
                        new SubcommandData("public-pages", "Show this server's characters on public web pages (/c/…)")
                                .addOptions(new OptionData(OptionType.STRING, OPTION_STATE, "on or off", true)
                                        .addChoice("on", "on")
                                        .addChoice("off", "off")),
                        new SubcommandData("reset", "Go back to the default from the config file").addOptions(setting));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        Member member = event.getMember();
        if (event.getGuild() == null || member == null) {
            throw new Refusal("/settings only works inside a server.");
        }
        long guildId = event.getGuild().getIdLong();
        // Not the moderator role: settings choose that role and the audit channel, so whoever holds the role could
        // otherwise hand it on or silence the audit trail.
        if (!member.hasPermission(Permission.MANAGE_SERVER)) {
            throw new Refusal("Only members with Manage Server can change settings. Ask a server admin, "
                    + "or have them give you Manage Server.");
        }
        long actor = member.getIdLong();
        String sub = event.getSubcommandName() == null ? "show" : event.getSubcommandName();
        GuildSettings after = switch (sub) {
            case "feature" ->
                settings.set(
                        guildId,
                        setting(event.getOption(OPTION_NAME, OptionMapping::getAsString)),
                        event.getOption(OPTION_STATE, OptionMapping::getAsString),
                        actor);
            case "audit-channel" ->
                settings.set(
                        guildId,
                        Setting.AUDIT_CHANNEL,
                        event.getOption(OPTION_CHANNEL, OptionMapping::getAsString),
                        actor);
            case "moderator-role" ->
                settings.set(
                        guildId,
                        Setting.MODERATOR_ROLE,
                        event.getOption(OPTION_ROLE, OptionMapping::getAsString),
                        actor);
            case "qa-channels" ->
                settings.set(
                        guildId,
                        Setting.QA_CHANNELS,
                        stripMentions(event.getOption(OPTION_CHANNELS, OptionMapping::getAsString)),
                        actor);
            case "delegation" ->
                settings.set(
                        guildId, Setting.DELEGATION, event.getOption(OPTION_STATE, OptionMapping::getAsString), actor);
            case "public-pages" ->
                settings.set(
                        guildId,
                        Setting.PUBLIC_PAGES,
                        event.getOption(OPTION_STATE, OptionMapping::getAsString),
                        actor);
            case "reset" ->
                settings.reset(guildId, setting(event.getOption(OPTION_SETTING, OptionMapping::getAsString)), actor);
            default -> settings.of(guildId);
        };
        Responder.text(event, (sub.equals("show") ? "" : "Saved.\n") + describe(after), true);
    }

    private static Setting setting(String key) {
        return Setting.byKey(key)
                .orElseThrow(() -> new Refusal("Unknown setting '" + key + "'. Known: "
                        + Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", "))));
    }

    private static String stripMentions(String raw) {
        return raw == null ? "" : raw.replaceAll("<#(\\d+)>", "$1");
    }

    private static String describe(GuildSettings gs) {
        List<String> lines = new ArrayList<>();
        lines.add("**Settings for this server**");
        lines.add("Audit channel: " + (gs.auditChannelId() == null ? "none" : "<#" + gs.auditChannelId() + ">"));
        lines.add("Moderator role: "
                + (gs.moderatorRoleId() == null ? "none (Manage Server only)" : "<@&" + gs.moderatorRoleId() + ">"));
        lines.add("Q&A channels: "
                + (gs.qaChannelIds().isEmpty()
                        ? "none"
                        : gs.qaChannelIds().stream().map(id -> "<#" + id + ">").collect(Collectors.joining(", "))));
        lines.add("Features: verification " + onOff(gs.features().verification()) + ", gating "
                + onOff(gs.features().gating()) + ", Q&A " + onOff(gs.features().qa()) + ", characters "
                + onOff(gs.features().characters()));
        lines.add("Delegated cold wallets (delegate.xyz) count: " + onOff(gs.delegation()));
        lines.add("Public character pages: " + onOff(gs.publicPages()));
        return String.join("\n", lines);
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
