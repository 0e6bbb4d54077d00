package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A guild role; position decides what the bot may assign (only roles below its own highest). */
public record FakeRole(long id, long guildId, String name, int position, long permissions, boolean managed) {
    ObjectNode toJson() {
        return Json.obj(
                "id",
                Long.toString(id),
                "name",
                name,
                "position",
                position,
                "permissions",
                Long.toString(permissions),
                "color",
                0,
                "colors",
                Json.obj("primary_color", 0, "secondary_color", null, "tertiary_color", null),
                "hoist",
                false,
                "managed",
                managed,
                "mentionable",
                false,
                "icon",
                null,
                "unicode_emoji",
                null,
                "flags",
                0,
                "tags",
                Json.obj());
    }

    public String mention() {
        return "<@&" + id + ">";
    }
}
