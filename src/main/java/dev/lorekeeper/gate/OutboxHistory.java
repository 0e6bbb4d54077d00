package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Members the outbox ever touched in a server: the sweep re-checks them even after they unlinked every wallet. */
final class OutboxHistory {
    private OutboxHistory() {
    }

    static List<Long> members(Database db, long guildId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT member_id FROM role_outbox WHERE guild_id = ? AND add_role = TRUE")) {
                ps.setLong(1, guildId);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }
}
