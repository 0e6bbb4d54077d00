package dev.lorekeeper.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.store.StoreException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily token budgets held in the database: the total, each server's and each member's. A call reserves its
 * worst case in all of them at once, with conditional updates in one transaction (a budget's row lock orders
 * concurrent calls, in this process or another), and later settles to what it really used or releases it.
 */
final class LlmBudget {
    private static final String RESERVE = "UPDATE llm_budget SET tokens = tokens + ? WHERE usage_day = ? "
            + "AND guild_id = ? AND member_id = ? AND tokens + ? <= ?";
    private static final String ADJUST =
            "UPDATE llm_budget SET tokens = tokens + ? WHERE usage_day = ? " + "AND guild_id = ? AND member_id = ?";

    private final Database db;
    private final LlmUsage.Budgets limits;
    /** Budget rows are never deleted: once seen, a day's row needs no insert. */
    private final Cache<Key, Boolean> existing = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    LlmBudget(Database db, LlmUsage.Budgets limits) {
        this.db = db;
        this.limits = limits;
    }

    /** One budget of one day; guild 0 is the total, member 0 a whole server. */
    record Key(LocalDate day, long guildId, long memberId, long limit) {}

    /** The budgets this call counts against, always in one order, so that concurrent reservations never deadlock. */
    List<Key> keys(LlmCall call, LocalDate day) {
        List<Key> keys = new ArrayList<>();
        if (call.guildId() == 0) {
            return keys;
        }
        if (limits.total() > 0) {
            keys.add(new Key(day, 0, 0, limits.total()));
        }
        if (limits.perGuild() > 0) {
            keys.add(new Key(day, call.guildId(), 0, limits.perGuild()));
        }
        if (limits.perMember() > 0 && call.memberId() != 0) {
            keys.add(new Key(day, call.guildId(), call.memberId(), limits.perMember()));
        }
        return keys;
    }

    /** Holds {@code tokens} in every budget, or in none when one of them has no room for them. */
    boolean reserve(List<Key> keys, long tokens) {
        if (keys.isEmpty()) {
            return true;
        }
        keys.forEach(this::ensureRow);
        return db.inTransaction(c -> {
            for (Key k : keys) {
                if (Jdbc.update(c, RESERVE, tokens, Date.valueOf(k.day()), k.guildId(), k.memberId(), tokens, k.limit())
                        == 0) {
                    c.rollback();
                    return false;
                }
            }
            return true;
        });
    }

    /** Moves every budget by {@code delta} tokens (negative: gives them back), in the caller's transaction. */
    void adjust(Connection c, List<Key> keys, long delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        for (Key k : keys) {
            Jdbc.update(c, ADJUST, delta, Date.valueOf(k.day()), k.guildId(), k.memberId());
        }
    }

    private void ensureRow(Key k) {
        Key row = new Key(k.day(), k.guildId(), k.memberId(), 0);
        if (existing.getIfPresent(row) != null) {
            return;
        }
        try {
            db.withConnection(c -> Jdbc.update(
                    c,
                    "INSERT INTO llm_budget (usage_day, guild_id, member_id, tokens) "
                            + "SELECT CAST(? AS DATE), CAST(? AS BIGINT), CAST(? AS BIGINT), 0 WHERE NOT EXISTS "
                            + "(SELECT 1 FROM llm_budget WHERE usage_day = ? AND guild_id = ? AND member_id = ?)",
                    Date.valueOf(k.day()),
                    k.guildId(),
                    k.memberId(),
                    Date.valueOf(k.day()),
                    k.guildId(),
                    k.memberId()));
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
            // another call inserted it at the same moment: the row is there, which is all that matters
        }
        existing.put(row, Boolean.TRUE);
    }
}
