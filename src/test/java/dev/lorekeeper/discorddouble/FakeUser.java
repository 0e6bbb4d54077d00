package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Discord account. */
public record FakeUser(long id, String username, boolean bot) {
    ObjectNode toJson() {
        ObjectNode n = Json.obj(
                "id",
                Long.toString(id),
                "username",
                username,
                "discriminator",
                "0",
                "global_name",
                username,
                "avatar",
                null,
                "bot",
                bot,
                "public_flags",
                0,
                "flags",
                0,
                "primary_guild",
                null);
        if (bot) {
            n.put("verified", true).put("mfa_enabled", false);
        }
        return n;
    }

    public String mention() {
        return "<@" + id + ">";
    }
}
