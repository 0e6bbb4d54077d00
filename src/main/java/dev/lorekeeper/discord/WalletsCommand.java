package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.WalletLink;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** /wallets: a member's linked wallets (shortened), unlinking one, and a moderator's view of a member. */
public final class WalletsCommand implements SlashCommand {
    static final String OPTION_ADDRESS = "address";
    static final String OPTION_MEMBER = "member";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final VerificationService verification;
    private final GuildSettingsService settings;

    public WalletsCommand(VerificationService verification, GuildSettingsService settings) {
        this.verification = verification;
        this.settings = settings;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash("wallets", "Your linked wallets")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        new SubcommandData("list", "Show the wallets linked to your account"),
                        new SubcommandData("unlink", "Remove one of your wallets; your roles follow")
                                .addOptions(
                                        new OptionData(OptionType.STRING, OPTION_ADDRESS, "The wallet", true, true)),
                        new SubcommandData("of", "Moderators: whether and when a member verified")
                                .addOption(OptionType.USER, OPTION_MEMBER, "The member", true));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        if (event.getGuild() == null || event.getMember() == null) {
            throw new Refusal("/wallets only works inside a server.");
        }
        long guildId = event.getGuild().getIdLong();
        switch (event.getSubcommandName() == null ? "list" : event.getSubcommandName()) {
            case "unlink" -> unlink(event, guildId);
            case "of" -> of(event, guildId);
            default -> list(event, guildId);
        }
    }

    private void list(SlashCommandInteractionEvent event, long guildId) {
        List<WalletLink> wallets = verification.wallets(guildId, event.getUser().getIdLong());
        if (wallets.isEmpty()) {
            Responder.text(event, "You have no linked wallets here. Run /verify to link one.", true);
            return;
        }
        StringBuilder sb = new StringBuilder("**Your wallets**\n");
        wallets.forEach(w -> sb.append("• `")
                .append(w.shortAddress())
                .append("` ")
                .append(kind(w))
                .append(", verified ")
                .append(DAY.format(w.verifiedAt()))
                .append('\n'));
        sb.append("Remove one with /wallets unlink.");
        Responder.text(event, sb.toString(), true);
    }

    private void unlink(SlashCommandInteractionEvent event, long guildId) {
        String typed =
                event.getOption(OPTION_ADDRESS, "", OptionMapping::getAsString).trim();
        WalletLink match = verification.wallets(guildId, event.getUser().getIdLong()).stream()
                .filter(w ->
                        w.address().equalsIgnoreCase(typed) || w.shortAddress().equals(typed))
                .findFirst()
                .orElseThrow(() -> new Refusal("You have no linked wallet " + typed + ". /wallets list shows yours."));
        verification.unlink(guildId, event.getUser().getIdLong(), match.address());
        Responder.text(event, "Unlinked `" + match.shortAddress() + "`. Your roles are being updated.", true);
    }

    private void of(SlashCommandInteractionEvent event, long guildId) {
        Member asker = event.getMember();
        if (asker == null || !Moderators.isModerator(asker, settings.of(guildId))) {
            throw new Refusal("Only moderators can look up another member's wallets.");
        }
        User target = event.getOption(OPTION_MEMBER, OptionMapping::getAsUser);
        List<WalletLink> wallets = verification.wallets(guildId, target.getIdLong());
        if (wallets.isEmpty()) {
            Responder.text(event, target.getAsMention() + " has not verified a wallet here.", true);
            return;
        }
        StringBuilder sb = new StringBuilder(target.getAsMention() + " verified " + wallets.size() + " wallet"
                + (wallets.size() == 1 ? "" : "s") + ":\n");
        // Full addresses, but only in this ephemeral reply to a moderator.
        wallets.forEach(w -> sb.append("• `")
                .append(w.address())
                .append("` ")
                .append(kind(w))
                .append(", ")
                .append(DAY.format(w.verifiedAt()))
                .append('\n'));
        Responder.text(event, sb.toString(), true);
    }

    @Override
    public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        if (event.getGuild() == null) {
            event.replyChoices().queue();
            return;
        }
        String typed = event.getFocusedOption().getValue().toLowerCase();
        List<Command.Choice> choices =
                verification
                        .wallets(event.getGuild().getIdLong(), event.getUser().getIdLong())
                        .stream()
                        .filter(w -> w.address().toLowerCase().contains(typed))
                        .limit(25)
                        .map(w -> new Command.Choice(w.shortAddress(), w.address()))
                        .toList();
        event.replyChoices(choices).queue();
    }

    private static String kind(WalletLink w) {
        return w.kind().equals("contract") ? "(contract wallet)" : "";
    }
}
