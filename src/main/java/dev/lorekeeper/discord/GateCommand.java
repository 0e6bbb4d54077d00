package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.gate.Evaluation;
import dev.lorekeeper.gate.Gate;
import dev.lorekeeper.gate.GateCatalog;
import dev.lorekeeper.gate.PaceEstimate;
import dev.lorekeeper.gate.RoleSync;
import dev.lorekeeper.gate.SyncKind;
import dev.lorekeeper.gate.SyncReport;
import dev.lorekeeper.gate.Truth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** /gate: moderators (Manage Roles) add, list, remove and test token gates, and resync a server or a member. */
public final class GateCommand implements SlashCommand {
    static final String OPTION_ID = "id";
    static final String OPTION_MEMBER = "member";
    static final String ROLE = "role";
    static final String NAME = "name";

    private final GateCatalog gates;
    private final RoleSync sync;
    private final Executor executor;

    public GateCommand(GateCatalog gates, RoleSync sync, Executor executor) {
        this.gates = gates;
        this.sync = sync;
        this.executor = executor;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash("gate", "Token-gated roles")
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_ROLES))
                .addSubcommands(
                        new SubcommandData("add", "Give a role to holders of a token")
                                .addOptions(new OptionData(OptionType.ROLE, ROLE, "The role holders get", true))
                                .addOptions(RuleOptions.definitions())
                                .addOptions(new OptionData(OptionType.STRING, NAME, "A name for this gate", false)),
                        new SubcommandData("list", "The gates of this server"),
                        new SubcommandData("remove", "Remove a gate")
                                .addOptions(new OptionData(
                                        OptionType.INTEGER, OPTION_ID, "Gate number from /gate list", true, true)),
                        new SubcommandData("test", "Which requirements a member meets, with the numbers")
                                .addOption(OptionType.USER, OPTION_MEMBER, "The member", true),
                        new SubcommandData("resync", "Re-check holdings now, for the server or one member")
                                .addOption(OptionType.USER, OPTION_MEMBER, "Only this member", false));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        Guild guild = event.getGuild();
        if (guild == null || event.getMember() == null) {
            throw new Refusal("/gate only works inside a server.");
        }
        if (!event.getMember().hasPermission(Permission.MANAGE_ROLES)) {
            throw new Refusal("Only members with Manage Roles can manage gates.");
        }
        switch (event.getSubcommandName() == null ? "list" : event.getSubcommandName()) {
            case "add" -> add(event, guild);
            case "remove" -> remove(event, guild);
            case "test" -> test(event, guild);
            case "resync" -> resync(event, guild);
            default -> list(event, guild);
        }
    }

    private void add(SlashCommandInteractionEvent event, Guild guild) {
        Role role = event.getOption(ROLE, OptionMapping::getAsRole);
        RuleSpec rule = ruleFrom(event);
        String name = event.getOption(
                NAME, rule.type() == null ? "combined rule" : rule.type() + " holders", OptionMapping::getAsString);
        List<String> problems = new ArrayList<>(RolePolicy.refusals(event.getMember(), role));
        problems.addAll(gates.problems(rule, name));
        if (!problems.isEmpty()) {
            throw new Refusal("Not added. Fix these and try again:\n" + String.join("\n", problems));
        }
        long id = gates.add(
                guild.getIdLong(), role.getIdLong(), name, rule, event.getUser().getIdLong());
        Responder.text(
                event,
                "Added gate #" + id + " (" + Markdown.escape(name) + ") for " + role.getAsMention()
                        + ". Verified members are being checked now.",
                true);
        long guildId = guild.getIdLong();
        InteractionHook hook = event.getHook();
        String added = "Added gate #" + id + " (" + Markdown.escape(name) + ") for " + role.getAsMention() + ". ";
        executor.execute(() -> {
            List<Long> members = sync.sweepableMembers(guildId);
            SyncReport r =
                    sync.sync(guildId, members, SyncKind.NEW_GATE, n -> {}).report();
            hook.editOriginal(added + "Checked " + PaceEstimate.number(r.checked()) + " verified member"
                            + (r.checked() == 1 ? "" : "s") + ": " + sync.pace().plan(r.added(), r.removed()))
                    .queue();
        });
    }

    private static RuleSpec ruleFrom(SlashCommandInteractionEvent event) {
        return RuleOptions.parse(name -> event.getOption(name, OptionMapping::getAsString));
    }

    private void list(SlashCommandInteractionEvent event, Guild guild) {
        List<Gate> all = gates.gates(guild.getIdLong());
        if (all.isEmpty()) {
            Responder.text(event, "No gates yet. Add one with /gate add.", true);
            return;
        }
        StringBuilder sb = new StringBuilder("**Gates**\n");
        for (Gate g : all) {
            sb.append("• ")
                    .append(g.id() == null ? "config" : "#" + g.id())
                    .append(" ")
                    .append(Markdown.escape(g.name()))
                    .append(" → <@&")
                    .append(g.roleId())
                    .append(">: ");
            g.rule().requirements().forEach(r -> sb.append(r.describe()).append("; "));
            sb.append('\n');
        }
        Responder.text(event, sb.toString(), true);
    }

    private void remove(SlashCommandInteractionEvent event, Guild guild) {
        long id = event.getOption(OPTION_ID, OptionMapping::getAsLong);
        Optional<Role> role = gates.gates(guild.getIdLong()).stream()
                .filter(g -> g.id() != null && g.id() == id)
                .findFirst()
                .map(g -> guild.getRoleById(g.roleId()));
        if (role.isPresent()
                && !event.getMember().isOwner()
                && !event.getMember().canInteract(role.get())) {
            throw new Refusal(
                    "Not removed: gate #" + id + " manages " + role.get().getName()
                            + ", which sits at or above your highest role. Ask someone above it, or the server owner.");
        }
        if (!gates.remove(guild.getIdLong(), id, event.getUser().getIdLong())) {
            throw new Refusal("There is no gate #" + id + " here (gates from the config file are removed "
                    + "in the config). /gate list shows them.");
        }
        Responder.text(event, "Removed gate #" + id + ". Roles it gave stay until a moderator removes them.", true);
    }

    private void test(SlashCommandInteractionEvent event, Guild guild) {
        Responder.acknowledge(event, true);
        User user = event.getOption(OPTION_MEMBER, OptionMapping::getAsUser);
        long guildId = guild.getIdLong();
        executor.execute(() -> {
            Map<Gate, Evaluation> result = sync.test(guildId, user.getIdLong());
            StringBuilder sb = new StringBuilder("**" + Markdown.escape(user.getName()) + "**\n");
            if (result.isEmpty()) {
                sb.append("This server has no gates.");
            }
            result.forEach((g, e) -> {
                sb.append(icon(e.truth()))
                        .append(" <@&")
                        .append(g.roleId())
                        .append("> (")
                        .append(g.label())
                        .append(")\n");
                e.requirements()
                        .forEach(r -> sb.append("   ")
                                .append(icon(r.truth()))
                                .append(' ')
                                .append(r.requirement().describe())
                                .append(" — ")
                                .append(r.detail())
                                .append('\n'));
            });
            Responder.text(event, sb.toString(), true);
        });
    }

    private void resync(SlashCommandInteractionEvent event, Guild guild) {
        Responder.acknowledge(event, true);
        InteractionHook hook = event.getHook();
        User only = event.getOption(OPTION_MEMBER, OptionMapping::getAsUser);
        long guildId = guild.getIdLong();
        // One member is somebody waiting now; the whole server is a backlog that must not delay them.
        SyncKind kind = only != null ? SyncKind.INTERACTIVE : SyncKind.RESYNC;
        executor.execute(() -> {
            List<Long> members = only != null ? List.of(only.getIdLong()) : sync.sweepableMembers(guildId);
            String of = PaceEstimate.number(members.size());
            hook.editOriginal("Checking " + of + " members…").queue();
            long[] lastEdit = {System.nanoTime()};
            SyncReport r = sync.sync(guildId, members, kind, soFar -> {
                        if (System.nanoTime() - lastEdit[0] > 1_000_000_000L) {
                            lastEdit[0] = System.nanoTime();
                            int changes = soFar.added() + soFar.removed();
                            hook.editOriginal("Checked " + PaceEstimate.number(soFar.checked()) + " of " + of
                                            + " members, " + PaceEstimate.number(changes) + " role changes so far. "
                                            + sync.pace().eta(changes))
                                    .queue();
                        }
                    })
                    .report();
            hook.editOriginal("Resync done: checked " + PaceEstimate.number(r.checked()) + " member"
                            + (r.checked() == 1 ? "" : "s") + ", " + PaceEstimate.number(r.added()) + " role"
                            + (r.added() == 1 ? "" : "s") + " to add, " + PaceEstimate.number(r.removed())
                            + " to remove"
                            + (r.unknown() > 0
                                    ? ", " + r.unknown() + " kept as they are because the chain " + "could not be read"
                                    : "")
                            + "."
                            + (r.added() + r.removed() > 0
                                    ? " " + sync.pace().eta((long) r.added() + r.removed())
                                    : ""))
                    .queue();
        });
    }

    @Override
    public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        String typed = event.getFocusedOption().getValue().toLowerCase();
        List<Command.Choice> choices = new ArrayList<>();
        if (event.getFocusedOption().getName().equals("chain")) {
            gates.chains().stream()
                    .filter(c -> c.toLowerCase().contains(typed))
                    .sorted()
                    .limit(25)
                    .forEach(c -> choices.add(new Command.Choice(c, c)));
        } else if (event.getGuild() != null) {
            gates.gates(event.getGuild().getIdLong()).stream()
                    .filter(g -> g.id() != null)
                    .limit(25)
                    .forEach(g -> choices.add(new Command.Choice("#" + g.id() + " " + g.name(), g.id())));
        }
        event.replyChoices(choices).queue();
    }

    private static String icon(Truth t) {
        return t == Truth.TRUE ? "✅" : t == Truth.FALSE ? "⛔" : "❔";
    }
}
