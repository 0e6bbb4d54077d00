package dev.lorekeeper.dashboard;

import dev.lorekeeper.settings.GuildSettings;
import java.util.Optional;

/**
 * What a member may do on a server's dashboard pages: Manage Server manages, the server's moderator role reads, anyone
 * else gets nothing. Decided on every request from the bot's view of the member.
 */
public enum Access {
    NONE,
    READ,
    MANAGE;

    public static Access of(Optional<GuildDirectory.MemberView> member, GuildSettings settings) {
        if (member.isEmpty()) {
            return NONE;
        }
        GuildDirectory.MemberView m = member.get();
        if (m.owner() || m.manageServer()) {
            return MANAGE;
        }
        String modRole = settings.moderatorRoleId();
        if (modRole != null
                && m.roleIds().stream().anyMatch(r -> Long.toString(r).equals(modRole))) {
            return READ;
        }
        return NONE;
    }

    public boolean canRead() {
        return this != NONE;
    }

    public boolean canManage() {
        return this == MANAGE;
    }
}
