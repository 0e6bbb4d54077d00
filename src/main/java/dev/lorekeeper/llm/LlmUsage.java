package dev.lorekeeper.llm;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens spent per call (feature, server, member, character), daily budgets per member, per server and in total
 * (UTC days; a limit of 0 means unlimited), and the usage report behind /stats. Calls from the command line (server
 * 0) are recorded but never budget-limited.
 */
public final class LlmUsage {
    private final Database db;
    private final LlmBudget budget;
    private final Prices prices;
    private final Clock clock;

    /** USD per million tokens, only for estimates. */
    public record Prices(double input, double output) {
        public double cost(long in, long out) {
            return in / 1e6 * input + out / 1e6 * output;
        }
    }

    /** Daily token limits; 0 is unlimited. */
    public record Budgets(long perMember, long perGuild, long total) {
        public static Budgets unlimited() {
            return new Budgets(0, 0, 0);
        }
    }

    /** Tokens held for one call in its budgets until it settles or is released. */
    public static final class Reservation {
        private final LlmCall call;
        private final List<LlmBudget.Key> keys;
        private final long tokens;

        private Reservation(LlmCall call, List<LlmBudget.Key> keys, long tokens) {
            this.call = call;
            this.keys = keys;
            this.tokens = tokens;
        }

        public long tokens() {
            return tokens;
        }
    }

    private final Budgets budgets;

    public LlmUsage(Database db, Budgets budgets, Prices prices, Clock clock) {
        this.db = db;
        this.budget = new LlmBudget(db, budgets);
        this.budgets = budgets;
        this.prices = prices;
        this.clock = clock;
    }

    /** Holds {@code tokens} in today's budgets of this call, or nothing (empty) when one of them has no room. */
    public Optional<Reservation> reserve(LlmCall call, long tokens) {
        List<LlmBudget.Key> keys = budget.keys(call, today());
        return budget.reserve(keys, tokens) ? Optional.of(new Reservation(call, keys, tokens)) : Optional.empty();
    }

    /** Records what the call really used and moves its budgets from the reservation to that, in one transaction. */
    public void settle(Reservation r, int promptTokens, int completionTokens) {
        db.inTransaction(c -> {
            insert(c, r.call, promptTokens, completionTokens);
            budget.adjust(c, r.keys, (long) promptTokens + completionTokens - r.tokens);
            return null;
        });
    }

    /** Gives a failed call's reservation back. */
    public void release(Reservation r) {
        db.inTransaction(c -> {
            budget.adjust(c, r.keys, -r.tokens);
            return null;
        });
    }

    /** Records tokens spent outside any reservation (imports, tests); budgets do not see them. */
    public void record(LlmCall call, int promptTokens, int completionTokens) {
        db.withConnection(c -> {
            insert(c, call, promptTokens, completionTokens);
            return null;
        });
    }

    private void insert(Connection c, LlmCall call, int promptTokens, int completionTokens) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO llm_usage (usage_day, feature, guild_id, member_id, "
                        + "character_id, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Date.valueOf(today()),
                call.feature(),
                call.guildId(),
                call.memberId(),
                Jdbc.Null.orNull(call.characterId(), Jdbc.Null.BIGINT),
                promptTokens,
                completionTokens,
                clock.instant());
    }

    /** Tokens of one feature in a period. */
    public record FeatureUsage(String feature, long calls, long promptTokens, long completionTokens, double usd) {}

    /** Per-feature totals for today and for {@code days} days, and tokens per day per feature for a chart. */
    public record Report(
            List<FeatureUsage> today,
            List<FeatureUsage> period,
            int days,
            List<LocalDate> dayAxis,
            Map<String, List<Long>> tokensPerDay) {}

    public Report report(long guildId, int days) {
        LocalDate today = today();
        LocalDate first = today.minusDays(days - 1L);
        List<LocalDate> axis = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            axis.add(d);
        }
        Map<String, long[]> perDay = new LinkedHashMap<>();
        Map<String, long[]> todayTotals = new LinkedHashMap<>();
        Map<String, long[]> periodTotals = new LinkedHashMap<>();
        List<DayUsage> rows = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT feature, usage_day, COUNT(*), "
                        + "SUM(prompt_tokens), SUM(completion_tokens) FROM llm_usage WHERE guild_id = ? AND usage_day >= ? "
                        + "GROUP BY feature, usage_day ORDER BY feature, usage_day",
                rs -> new DayUsage(
                        rs.getString(1), rs.getDate(2).toLocalDate(), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                guildId,
                Date.valueOf(first)));
        for (DayUsage u : rows) {
            perDay.computeIfAbsent(u.feature(), f -> new long[axis.size()])[axis.indexOf(u.day())] += u.in() + u.out();
            add(periodTotals, u.feature(), u.calls(), u.in(), u.out());
            if (u.day().equals(today)) {
                add(todayTotals, u.feature(), u.calls(), u.in(), u.out());
            }
        }
        Map<String, List<Long>> series = new LinkedHashMap<>();
        perDay.forEach(
                (f, v) -> series.put(f, java.util.Arrays.stream(v).boxed().toList()));
        return new Report(usages(todayTotals), usages(periodTotals), days, axis, series);
    }

    /** The model's tokens spent on one character in a server, and their estimated cost: its compute-to-asset. */
    public record CharacterSpend(long characterId, long calls, long tokens, double usd) {}

    /** Spend per character in a server over the last {@code days} days. */
    public Map<Long, CharacterSpend> perCharacter(long guildId, int days) {
        LocalDate first = today().minusDays(days - 1L);
        Map<Long, CharacterSpend> out = new LinkedHashMap<>();
        db.withConnection(c -> Jdbc.list(
                        c,
                        "SELECT character_id, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens) FROM llm_usage "
                                + "WHERE guild_id = ? AND usage_day >= ? AND character_id IS NOT NULL "
                                + "GROUP BY character_id",
                        rs -> new CharacterSpend(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getLong(3) + rs.getLong(4),
                                prices.cost(rs.getLong(3), rs.getLong(4))),
                        guildId,
                        Date.valueOf(first)))
                .forEach(s -> out.put(s.characterId(), s));
        return out;
    }

    /** The server's daily token budget (0: unlimited). */
    public long guildBudget() {
        return budgets.perGuild();
    }

    private record DayUsage(String feature, LocalDate day, long calls, long in, long out) {}

    private static void add(Map<String, long[]> totals, String feature, long calls, long in, long out) {
        long[] t = totals.computeIfAbsent(feature, f -> new long[3]);
        t[0] += calls;
        t[1] += in;
        t[2] += out;
    }

    private List<FeatureUsage> usages(Map<String, long[]> totals) {
        return totals.entrySet().stream()
                .map(e -> new FeatureUsage(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        prices.cost(e.getValue()[1], e.getValue()[2])))
                .toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
