package dev.lorekeeper.llm;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens spent per call (feature, server, member, character), daily budgets per member and per server (UTC days),
 * and the usage report behind /stats. A limit of 0 means unlimited.
 */
public final class LlmUsage {
    private final Database db;
    private final long perMemberDaily;
    private final long perGuildDaily;
    private final Prices prices;
    private final Clock clock;

    /** USD per million tokens, only for estimates. */
    public record Prices(double input, double output) {
        public double cost(long in, long out) {
            return in / 1e6 * input + out / 1e6 * output;
        }
    }

    public LlmUsage(Database db, long perMemberDaily, long perGuildDaily, Prices prices, Clock clock) {
        this.db = db;
        this.perMemberDaily = perMemberDaily;
        this.perGuildDaily = perGuildDaily;
        this.prices = prices;
        this.clock = clock;
    }

    /** Whether today's budgets of this member and server have tokens left. */
    public boolean withinBudget(LlmCall call) {
        if (call.guildId() == 0) {
            return true;
        }
        LocalDate today = today();
        if (perGuildDaily > 0 && spent("guild_id = ?", today, call.guildId()) >= perGuildDaily) {
            return false;
        }
        return perMemberDaily <= 0 || spent("guild_id = ? AND member_id = ?", today, call.guildId(),
                call.memberId()) < perMemberDaily;
    }

    public void record(LlmCall call, int promptTokens, int completionTokens) {
        db.withConnection(c -> Jdbc.update(c, "INSERT INTO llm_usage (usage_day, feature, guild_id, member_id, "
                + "character_id, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Date.valueOf(today()), call.feature(), call.guildId(), call.memberId(),
                Jdbc.Null.orNull(call.characterId(), Jdbc.Null.BIGINT), promptTokens, completionTokens,
                clock.instant()));
    }

    private long spent(String where, LocalDate day, Object... keys) {
        Object[] args = new Object[keys.length + 1];
        args[0] = Date.valueOf(day);
        System.arraycopy(keys, 0, args, 1, keys.length);
        return db.withConnection(c -> Jdbc.first(c, "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) "
                + "FROM llm_usage WHERE usage_day = ? AND " + where, rs -> rs.getLong(1), args).orElse(0L));
    }

    /** Tokens of one feature in a period. */
    public record FeatureUsage(String feature, long calls, long promptTokens, long completionTokens, double usd) {
    }

    /** Per-feature totals for today and for {@code days} days, and tokens per day per feature for a chart. */
    public record Report(List<FeatureUsage> today, List<FeatureUsage> period, int days, List<LocalDate> dayAxis,
            Map<String, List<Long>> tokensPerDay) {
    }

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
        List<DayUsage> rows = db.withConnection(c -> Jdbc.list(c, "SELECT feature, usage_day, COUNT(*), "
                + "SUM(prompt_tokens), SUM(completion_tokens) FROM llm_usage WHERE guild_id = ? AND usage_day >= ? "
                + "GROUP BY feature, usage_day ORDER BY feature, usage_day", rs -> new DayUsage(rs.getString(1),
                rs.getDate(2).toLocalDate(), rs.getLong(3), rs.getLong(4), rs.getLong(5)), guildId,
                Date.valueOf(first)));
        for (DayUsage u : rows) {
            perDay.computeIfAbsent(u.feature(), f -> new long[axis.size()])[axis.indexOf(u.day())] += u.in() + u.out();
            add(periodTotals, u.feature(), u.calls(), u.in(), u.out());
            if (u.day().equals(today)) {
                add(todayTotals, u.feature(), u.calls(), u.in(), u.out());
            }
        }
        Map<String, List<Long>> series = new LinkedHashMap<>();
        perDay.forEach((f, v) -> series.put(f, java.util.Arrays.stream(v).boxed().toList()));
        return new Report(usages(todayTotals), usages(periodTotals), days, axis, series);
    }

    private record DayUsage(String feature, LocalDate day, long calls, long in, long out) {
    }

    private static void add(Map<String, long[]> totals, String feature, long calls, long in, long out) {
        long[] t = totals.computeIfAbsent(feature, f -> new long[3]);
        t[0] += calls;
        t[1] += in;
        t[2] += out;
    }

    private List<FeatureUsage> usages(Map<String, long[]> totals) {
        return totals.entrySet().stream().map(e -> new FeatureUsage(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], prices.cost(e.getValue()[1], e.getValue()[2]))).toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
