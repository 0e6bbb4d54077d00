package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.chart.StatsChart;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.settings.GuildSettingsService;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/** /docs: moderators reload the docs index, see the gaps members ran into, and Q&A statistics with a chart. */
public final class DocsCommand implements SlashCommand {
    static final int DAYS = 30;

    private final KnowledgeService knowledge;
    private final QaReports reports;
    private final GuildSettingsService settings;
    private final Executor executor;

    public DocsCommand(
            KnowledgeService knowledge, QaReports reports, GuildSettingsService settings, Executor executor) {
        this.knowledge = knowledge;
        this.reports = reports;
        this.settings = settings;
        this.executor = executor;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash("docs", "The docs behind /ask")
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .addSubcommands(
                        new SubcommandData("reload", "Re-read the docs now (unchanged files are not re-embedded)"),
                        new SubcommandData("gaps", "The most frequent questions the docs did not answer well"),
                        new SubcommandData("stats", "Questions per day, share answered from the docs, feedback"));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        if (event.getGuild() == null
                || event.getMember() == null
                || !Moderators.isModerator(
                        event.getMember(), settings.of(event.getGuild().getIdLong()))) {
            throw new Refusal("Only moderators can use /docs.");
        }
        long guildId = event.getGuild().getIdLong();
        switch (event.getSubcommandName() == null ? "stats" : event.getSubcommandName()) {
            case "reload" -> reload(event);
            case "gaps" -> gaps(event, guildId);
            default -> stats(event, guildId);
        }
    }

    private void reload(SlashCommandInteractionEvent event) {
        if (!knowledge.docsExist()) {
            throw new Refusal("There is no docs folder to read: set knowledge.docs in the config.");
        }
        Responder.acknowledge(event, true);
        knowledge
                .reload(executor)
                .whenComplete((r, e) -> Responder.text(
                        event,
                        e != null
                                ? "Reloading failed: " + e.getCause().getMessage()
                                : "Docs reloaded: " + r.files() + " files, " + r.chunks() + " sections (" + r.changed()
                                        + " new or changed, " + r.removed() + " removed) in " + r.millis() + " ms.",
                        true));
    }

    private void gaps(SlashCommandInteractionEvent event, long guildId) {
        List<QaReports.Gap> gaps = reports.gaps(guildId, DAYS);
        if (gaps.isEmpty()) {
            Responder.text(
                    event,
                    "No gaps in the last " + DAYS + " days: every question was answered and nobody "
                            + "voted an answer down.",
                    true);
            return;
        }
        StringBuilder sb = new StringBuilder("**Questions the docs didn't answer well (last " + DAYS + " days)**\n");
        gaps.stream()
                .limit(10)
                .forEach(g -> sb.append("• ×")
                        .append(g.count())
                        .append(' ')
                        .append(Markdown.escape(MessageLimits.truncate(g.example(), 150)))
                        .append(g.downvotes() > 0 ? "  (👎 " + g.downvotes() + ")" : "")
                        .append('\n'));
        Responder.text(event, sb.toString(), true);
    }

    private void stats(SlashCommandInteractionEvent event, long guildId) {
        Responder.acknowledge(event, true);
        QaReports.Stats s = reports.stats(guildId, DAYS);
        String text = String.format(
                Locale.ROOT,
                "**Q&A, last %d days**%n%d questions, %.0f%% answered from the docs, " + "feedback 👍 %d / 👎 %d.",
                DAYS,
                s.questions(),
                s.answeredShare() * 100,
                s.helpful(),
                s.notHelpful());
        Responder.send(
                event,
                new MessageCreateBuilder()
                        .setContent(text)
                        .addFiles(FileUpload.fromData(StatsChart.png(s), "qa-stats.png"))
                        .build(),
                true);
    }
}
