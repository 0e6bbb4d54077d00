package dev.lorekeeper.wallet;

import dev.lorekeeper.store.AuditLog;
import dev.lorekeeper.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Verified wallets. A wallet has one owner per server; linking it from another account moves it. */
public final class WalletLinks {
    private static final String COLUMNS = "guild_id, member_id, display_address, kind, verified_at";

    private final Database db;

    public WalletLinks(Database db) {
        this.db = db;
    }

    /** Links in the caller's transaction; returns the previous owner when the wallet moved between members. */
    public static Optional<Long> link(Connection c, long guildId, long memberId, String address, String kind,
            Instant now) throws SQLException {
        String key = address.toLowerCase(Locale.ROOT);
        Long previous = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT member_id FROM wallet_link WHERE guild_id = ? AND address = ?")) {
            ps.setLong(1, guildId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    previous = rs.getLong(1);
                }
            }
        }
        if (previous != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE wallet_link SET member_id = ?, display_address = ?, "
                    + "kind = ?, verified_at = ? WHERE guild_id = ? AND address = ?")) {
                ps.setLong(1, memberId);
                ps.setString(2, address);
                ps.setString(3, kind);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setLong(5, guildId);
                ps.setString(6, key);
                ps.executeUpdate();
            }
            if (previous != memberId) {
                AuditLog.write(c, guildId, memberId, "wallet-moved", WalletLink.shorten(address) + " moved from <@"
                        + previous + "> to <@" + memberId + ">");
                return Optional.of(previous);
            }
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallet_link (guild_id, address, display_address, "
                + "member_id, kind, verified_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, guildId);
            ps.setString(2, key);
            ps.setString(3, address);
            ps.setLong(4, memberId);
            ps.setString(5, kind);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
        AuditLog.write(c, guildId, memberId, "wallet-linked", WalletLink.shorten(address));
        return Optional.empty();
    }

    public List<WalletLink> of(long guildId, long memberId) {
        return query("SELECT " + COLUMNS + " FROM wallet_link WHERE guild_id = ? AND member_id = ? ORDER BY verified_at",
                guildId, memberId);
    }

    /** Every link in a server (for sweeps). */
    public List<WalletLink> inGuild(long guildId) {
        return query("SELECT " + COLUMNS + " FROM wallet_link WHERE guild_id = ? ORDER BY member_id", guildId);
    }

    /** Every server's link of one address (for chain events). */
    public List<WalletLink> ofAddress(String address) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wallet_link WHERE address = ?")) {
                ps.setString(1, address.toLowerCase(Locale.ROOT));
                return read(ps);
            }
        });
    }

    /** Removes a member's wallet; false when the member has no such wallet. */
    public boolean unlink(long guildId, long memberId, String address) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM wallet_link WHERE guild_id = ? AND member_id = ? AND address = ?")) {
                ps.setLong(1, guildId);
                ps.setLong(2, memberId);
                ps.setString(3, address.toLowerCase(Locale.ROOT));
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            AuditLog.write(c, guildId, memberId, "wallet-unlinked", WalletLink.shorten(address));
            return true;
        });
    }

    private List<WalletLink> query(String sql, long guildId, long... more) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, guildId);
                for (int i = 0; i < more.length; i++) {
                    ps.setLong(i + 2, more[i]);
                }
                return read(ps);
            }
        });
    }

    private static List<WalletLink> read(PreparedStatement ps) throws SQLException {
        List<WalletLink> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new WalletLink(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
            }
        }
        return out;
    }
}
