package dev.lorekeeper.wallet;

import dev.lorekeeper.store.AuditLog;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Verified wallets. A wallet has one owner per server; linking it from another account moves it. */
public final class WalletLinks {
    private static final String SELECT =
            "SELECT guild_id, member_id, display_address, kind, verified_at " + "FROM wallet_link WHERE ";

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;

    public WalletLinks(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** Links in the caller's transaction; returns the previous owner when the wallet moved between members. */
    public Optional<Long> link(Connection c, long guildId, long memberId, String address, String kind)
            throws SQLException {
        String key = address.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<Long> previous = Jdbc.first(
                c,
                "SELECT member_id FROM wallet_link WHERE guild_id = ? AND address = ?",
                rs -> rs.getLong(1),
                guildId,
                key);
        if (previous.isEmpty()) {
            Jdbc.update(
                    c,
                    "INSERT INTO wallet_link (guild_id, address, display_address, member_id, kind, verified_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    guildId,
                    key,
                    address,
                    memberId,
                    kind,
                    now);
            audit.write(c, guildId, memberId, "wallet-linked", WalletLink.shorten(address));
            return Optional.empty();
        }
        Jdbc.update(
                c,
                "UPDATE wallet_link SET member_id = ?, display_address = ?, kind = ?, verified_at = ? "
                        + "WHERE guild_id = ? AND address = ?",
                memberId,
                address,
                kind,
                now,
                guildId,
                key);
        if (previous.get() == memberId) {
            return Optional.empty();
        }
        audit.write(
                c,
                guildId,
                memberId,
                "wallet-moved",
                WalletLink.shorten(address) + " moved from <@" + previous.get() + "> to <@" + memberId + ">");
        return previous;
    }

    public List<WalletLink> of(long guildId, long memberId) {
        return query("guild_id = ? AND member_id = ? ORDER BY verified_at", guildId, memberId);
    }

    /** Members per query in {@link #ofMembers}. */
    static final int MEMBERS_PER_QUERY = 1000;

    /** The links of these members in a server (a sweep's batch), in one query per thousand members. */
    public List<WalletLink> ofMembers(long guildId, java.util.Collection<Long> memberIds) {
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(memberIds));
        List<WalletLink> out = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i += MEMBERS_PER_QUERY) {
            List<Long> part = ids.subList(i, Math.min(ids.size(), i + MEMBERS_PER_QUERY));
            // One array parameter, not a thousand: the database parses and plans the statement once.
            out.addAll(query(
                    "guild_id = ? AND member_id = ANY(?) ORDER BY member_id, verified_at",
                    guildId,
                    part.toArray(new Long[0])));
        }
        return out;
    }

    /** Every link in a server (for sweeps). */
    public List<WalletLink> inGuild(long guildId) {
        return query("guild_id = ? ORDER BY member_id", guildId);
    }

    /** Every server's link of one address (for chain events). */
    public List<WalletLink> ofAddress(String address) {
        return query("address = ?", address.toLowerCase(Locale.ROOT));
    }

    /** Removes a member's wallet; false when the member has no such wallet. */
    public boolean unlink(long guildId, long memberId, String address) {
        return db.inTransaction(c -> {
            if (Jdbc.update(
                            c,
                            "DELETE FROM wallet_link WHERE guild_id = ? AND member_id = ? AND address = ?",
                            guildId,
                            memberId,
                            address.toLowerCase(Locale.ROOT))
                    == 0) {
                return false;
            }
            audit.write(c, guildId, memberId, "wallet-unlinked", WalletLink.shorten(address));
            return true;
        });
    }

    private List<WalletLink> query(String where, Object... args) {
        return db.withConnection(c -> Jdbc.list(c, SELECT + where, WalletLinks::row, args));
    }

    private static WalletLink row(ResultSet rs) throws SQLException {
        return new WalletLink(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Jdbc.instant(rs, 5));
    }
}
