package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.character.ServerCharacters;
import dev.lorekeeper.llm.LlmUsage;
import io.javalin.http.Context;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Characters played here, with their compute-to-asset: the model's tokens and estimated cost spent on each. */
public final class CharactersPage {
    static final int CHARACTER_DAYS = 30;
    private final DashboardRoutes.Services s;

    CharactersPage(DashboardRoutes.Services services) {
        this.s = services;
    }

    /** One character as the characters page lists it; {@code usd} is an estimate from the configured prices. */
    public record CharacterRow(
            String name, String page, int level, int xp, int quests, String lastActivity, long tokens, String usd) {}

    void show(Context ctx, GuildRequest r, Map<String, String> form) {
        Map<Long, LlmUsage.CharacterSpend> spend = s.usage().perCharacter(r.guildId(), CHARACTER_DAYS);
        List<CharacterRow> rows = new ArrayList<>();
        long total = 0;
        for (ServerCharacters.Row c : s.characters().inGuild(r.guildId())) {
            LlmUsage.CharacterSpend cs = spend.get(c.id());
            long tokens = cs == null ? 0 : cs.tokens();
            total += tokens;
            rows.add(new CharacterRow(
                    c.name(),
                    "/c/" + c.token().chain() + "/" + c.token().contract() + "/"
                            + c.token().tokenId(),
                    c.level(),
                    c.xp(),
                    c.questsHere(),
                    c.lastActivity() == null
                            ? "never"
                            : c.lastActivity()
                                    .truncatedTo(ChronoUnit.MINUTES)
                                    .toString()
                                    .replace('T', ' ')
                                    .replace("Z", ""),
                    tokens,
                    cs == null ? "0.00" : String.format(Locale.ROOT, "%.2f", cs.usd())));
        }
        long budget = s.usage().guildBudget();
        Map<String, Object> p = new HashMap<>();
        p.put("rows", rows);
        p.put("days", CHARACTER_DAYS);
        p.put("totalTokens", total);
        p.put("budget", budget == 0 ? "unlimited" : budget * CHARACTER_DAYS + " tokens (" + budget + " a day)");
        Responses.render(ctx, 200, "dashboard/characters.jte", r.page("Characters", "characters"), p);
    }
}
