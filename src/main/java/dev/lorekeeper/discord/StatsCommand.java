package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.chart.StatsChart;
import dev.lorekeeper.llm.LlmUsage;
import dev.lorekeeper.settings.GuildSettingsService;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/** /stats: moderators see LLM usage and estimated cost per feature, today and over 30 days, with a chart. */
public final class StatsCommand implements SlashCommand {
    static final int DAYS = 30;

    private final LlmUsage usage;
    private final GuildSettingsService settings;
    private final boolean llmConfigured;

    public StatsCommand(LlmUsage usage, GuildSettingsService settings, boolean llmConfigured) {
        this.usage = usage;
        this.settings = settings;
        this.llmConfigured = llmConfigured;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash("stats", "LLM usage and estimated cost per feature")
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER));
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
            throw new Refusal("Only moderators can use /stats.");
        }
        Responder.acknowledge(event, true);
        LlmUsage.Report r = usage.report(event.getGuild().getIdLong(), DAYS);
        StringBuilder sb = new StringBuilder(
                "**LLM usage** (cost is an estimate from llm.usd-per-million-input " + "and -output)\n");
        table(sb, "Today", r.today());
        table(sb, "Last " + DAYS + " days", r.period());
        if (!llmConfigured) {
            sb.append("\nNo LLM is configured: every answer and story comes from the offline paths, at no cost.");
        }
        Responder.send(
                event,
                new MessageCreateBuilder()
                        .setContent(MessageLimits.truncate(sb.toString(), MessageLimits.CONTENT))
                        .addFiles(FileUpload.fromData(StatsChart.png(r), "llm-usage.png"))
                        .build(),
                true);
    }

    private static void table(StringBuilder sb, String title, List<LlmUsage.FeatureUsage> rows) {
        sb.append("\n__").append(title).append("__\n");
        if (rows.isEmpty()) {
            sb.append("no LLM calls\n");
            return;
        }
        long calls = 0;
        long tokens = 0;
        double usd = 0;
        for (LlmUsage.FeatureUsage u : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "• %s: %d calls, %,d tokens in / %,d out, ~$%.4f%n",
                    u.feature(),
                    u.calls(),
                    u.promptTokens(),
                    u.completionTokens(),
                    u.usd()));
            calls += u.calls();
            tokens += u.promptTokens() + u.completionTokens();
            usd += u.usd();
        }
        sb.append(String.format(Locale.ROOT, "Total: %d calls, %,d tokens, ~$%.4f%n", calls, tokens, usd));
    }
}
