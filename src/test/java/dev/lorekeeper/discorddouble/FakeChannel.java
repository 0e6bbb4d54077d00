package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A text channel (type 0), public thread (type 11) or DM (type 1). */
public record FakeChannel(long id, Long guildId, String name, int type, Long parentId, long ownerId) {
    static final int TEXT = 0;
    static final int DM = 1;
    static final int PUBLIC_THREAD = 11;

    public boolean isThread() {
        return type == PUBLIC_THREAD;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.obj(
                "id",
                Long.toString(id),
                "type",
                type,
                "name",
                name,
                "position",
                0,
                "nsfw",
                false,
                "last_message_id",
                null,
                "rate_limit_per_user",
                0,
                "permission_overwrites",
                Json.arr());
        if (guildId != null) {
            n.put("guild_id", Long.toString(guildId));
        }
        if (parentId != null) {
            n.put("parent_id", Long.toString(parentId));
        } else {
            n.putNull("parent_id");
        }
        if (isThread()) {
            n.put("owner_id", Long.toString(ownerId))
                    .put("member_count", 1)
                    .put("message_count", 0)
                    .put("total_message_count", 0)
                    .put("flags", 0);
            n.set(
                    "thread_metadata",
                    Json.obj(
                            "archived",
                            false,
                            "auto_archive_duration",
                            1440,
                            "archive_timestamp",
                            Json.time(Instant.now()),
                            "locked",
                            false,
                            "create_timestamp",
                            Json.time(Instant.now())));
        }
        return n;
    }

    public String mention() {
        return "<#" + id + ">";
    }
}
