package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.util.List;

/** Members the outbox ever touched in a server: the sweep re-checks them even after they unlinked every wallet. */
final class OutboxHistory {
    private OutboxHistory() {}

    static List<Long> members(Database db, long guildId) {
        return db.withConnection(c -> Jdbc.list(
                c,
                "SELECT DISTINCT member_id FROM role_outbox WHERE guild_id = ? " + "AND add_role = TRUE",
                rs -> rs.getLong(1),
                guildId));
    }
}
