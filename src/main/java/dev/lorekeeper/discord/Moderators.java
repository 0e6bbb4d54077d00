package dev.lorekeeper.discord;

import dev.lorekeeper.settings.GuildSettings;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;

/** Who counts as a moderator: Manage Server, or the server's configured moderator role. */
final class Moderators {
    private Moderators() {}

    static boolean isModerator(Member member, GuildSettings settings) {
        return member.hasPermission(Permission.MANAGE_SERVER)
                || settings.moderatorRoleId() != null
                        && member.getRoles().stream().anyMatch(r -> r.getId().equals(settings.moderatorRoleId()));
    }
}
