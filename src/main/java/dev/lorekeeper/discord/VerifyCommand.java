package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.wallet.SiweException;
import dev.lorekeeper.wallet.SiweMessage;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.VerifyOutcome;
import dev.lorekeeper.wallet.VerifySession;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/**
 * /verify: a one-time link to the bot's own verify page; with {@code address:} the manual path for wallets without a
 * browser extension (the member signs the shown text elsewhere and pastes the signature into a form).
 */
public final class VerifyCommand implements SlashCommand {
    static final String OPTION_ADDRESS = "address";
    static final String NAME = "verify";

    private final VerificationService verification;
    private final GuildSettingsService settings;

    public VerifyCommand(VerificationService verification, GuildSettingsService settings) {
        this.verification = verification;
        this.settings = settings;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash(NAME, "Link your wallet by signing a free message (no transaction, no gas)")
                .setContexts(InteractionContextType.GUILD)
                .addOption(
                        OptionType.STRING,
                        OPTION_ADDRESS,
                        "Sign manually: your wallet address (0x…), for wallets " + "without a browser extension",
                        false);
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        if (event.getGuild() == null || event.getMember() == null) {
            throw new Refusal("Use /verify inside the server where you want your roles.");
        }
        if (!settings.of(event.getGuild().getIdLong()).features().enabled(Feature.VERIFICATION)) {
            throw new Refusal("Wallet verification is switched off in this server.");
        }
        VerifySession session = verification.start(
                event.getGuild().getIdLong(),
                event.getUser().getIdLong(),
                event.getUser().getName(),
                event.getGuild().getName());
        String address = event.getOption(OPTION_ADDRESS, OptionMapping::getAsString);
        if (address != null) {
            showMessage(event, session.token(), address);
            return;
        }
        String link = verification.settings().link(session.token());
        String text = "**Link your wallet**\nPress the button to open Lorekeeper's own verify page at **"
                + verification.settings().domain() + "**. You sign a message in your wallet: it is free, sends no "
                + "transaction and grants no permission.\n\nNever enter a seed phrase or private key anywhere. "
                + "The link works once and expires in "
                + verification.settings().sessionTtl().toMinutes()
                + " minutes.";
        Responder.send(
                event,
                new MessageCreateBuilder()
                        .setContent(text)
                        .setComponents(ActionRow.of(
                                Button.link(link, "Open verify page"),
                                Button.secondary(
                                        ComponentId.of(NAME, "manual", session.token())
                                                .encode(),
                                        "No browser wallet? Sign manually")))
                        .build(),
                true);
    }

    @Override
    public void onButton(ButtonInteractionEvent event, ComponentId id) {
        VerifySession session = ownSession(event, id.arg(0));
        if (id.action().equals("manual")) {
            event.replyModal(Modal.create(
                                    ComponentId.of(NAME, "address", session.token())
                                            .encode(),
                                    "Sign manually")
                            .addComponents(Label.of(
                                    "Your wallet address",
                                    TextInput.create("address", TextInputStyle.SHORT)
                                            .setPlaceholder("0x…")
                                            .setRequiredRange(42, 42)
                                            .build()))
                            .build())
                    .queue();
        } else if (id.action().equals("signature")) {
            event.replyModal(Modal.create(
                                    ComponentId.of(NAME, "signed", session.token(), id.arg(1))
                                            .encode(),
                                    "Paste your signature")
                            .addComponents(Label.of(
                                    "Signature (0x…)",
                                    TextInput.create("signature", TextInputStyle.PARAGRAPH)
                                            .setPlaceholder("0x…")
                                            .setRequiredRange(10, 4000)
                                            .build()))
                            .build())
                    .queue();
        } else {
            throw new Refusal("This button is no longer active. Run /verify again.");
        }
    }

    @Override
    public void onModal(ModalInteractionEvent event, ComponentId id) {
        VerifySession session = ownSession(event, id.arg(0));
        if (id.action().equals("address")) {
            showMessage(event, session.token(), value(event, "address"));
            return;
        }
        String message = verification
                .issuedMessage(session.token(), id.arg(1))
                .orElseThrow(() -> new Refusal("That message is no longer valid. Run /verify again."));
        VerifyOutcome outcome = verification.complete(session.token(), message, value(event, "signature"));
        Responder.text(event, (outcome.linked() ? "✅ " : "⛔ ") + outcome.text(), true);
    }

    /** The manual path: the exact text to sign, and a button that opens the form for the signature. */
    private void showMessage(IReplyCallback event, String token, String address) {
        SiweMessage m;
        try {
            m = verification.issue(token, address);
        } catch (SiweException e) {
            throw new Refusal(e.getMessage() + ". Check the address and run /verify address:0x… again.");
        }
        String text = "**Sign this exact message** with your wallet (for example `cast wallet sign`, your hardware "
                + "wallet's app, or Etherscan's Verified Signatures page). It is free: no transaction, no gas.\n"
                + "```\n" + m.format() + "\n```\nThen press the button and paste the signature.";
        Responder.send(
                event,
                new MessageCreateBuilder()
                        .setContent(text)
                        .setComponents(ActionRow.of(Button.primary(
                                ComponentId.of(NAME, "signature", token, m.nonce())
                                        .encode(),
                                "Paste signature")))
                        .build(),
                true);
    }

    private VerifySession ownSession(IReplyCallback event, String token) {
        return verification
                .openSession(token)
                .filter(s -> s.memberId() == event.getUser().getIdLong())
                .orElseThrow(() -> new Refusal("This verify session has expired or was used. " + "Run /verify again."));
    }

    private static String value(ModalInteractionEvent event, String field) {
        var mapping = event.getValue(field);
        return mapping == null ? "" : mapping.getAsString().trim();
    }
}
