package dev.lorekeeper.llm;

import dev.lorekeeper.store.Database;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
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
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO llm_usage (usage_day, feature, guild_id, member_id, "
                    + "character_id, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setDate(1, Date.valueOf(today()));
                ps.setString(2, call.feature());
                ps.setLong(3, call.guildId());
                ps.setLong(4, call.memberId());
                if (call.characterId() == null) {
                    ps.setNull(5, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(5, call.characterId());
                }
                ps.setInt(6, promptTokens);
                ps.setInt(7, completionTokens);
                ps.setTimestamp(8, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    private long spent(String where, LocalDate day, long... keys) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) "
                    + "FROM llm_usage WHERE usage_day = ? AND " + where)) {
                ps.setDate(1, Date.valueOf(day));
                for (int i = 0; i < keys.length; i++) {
                    ps.setLong(i + 2, keys[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
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
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT feature, usage_day, COUNT(*), SUM(prompt_tokens), "
                    + "SUM(completion_tokens) FROM llm_usage WHERE guild_id = ? AND usage_day >= ? GROUP BY feature, usage_day "
                    + "ORDER BY feature, usage_day")) {
                ps.setLong(1, guildId);
                ps.setDate(2, Date.valueOf(first));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String feature = rs.getString(1);
                        LocalDate day = rs.getDate(2).toLocalDate();
                        long calls = rs.getLong(3);
                        long in = rs.getLong(4);
                        long out = rs.getLong(5);
                        perDay.computeIfAbsent(feature, f -> new long[axis.size()])[axis.indexOf(day)] += in + out;
                        add(periodTotals, feature, calls, in, out);
                        if (day.equals(today)) {
                            add(todayTotals, feature, calls, in, out);
                        }
                    }
                }
            }
            return null;
        });
        Map<String, List<Long>> series = new LinkedHashMap<>();
        perDay.forEach((f, v) -> series.put(f, java.util.Arrays.stream(v).boxed().toList()));
        return new Report(usages(todayTotals), usages(periodTotals), days, axis, series);
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
