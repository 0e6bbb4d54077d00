package dev.lorekeeper.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;

/**
 * Which roles a gate may manage. A gate hands its role to whoever meets a rule, so gating a role is granting it:
 * a moderator may gate only roles they could assign themselves, and no gate may hand out a role that carries
 * power over the server, whoever asks. Checked when a gate is added or removed, and again before every change.
 */
final class RolePolicy {
    /** Permissions that make a role a key to the server rather than a badge. */
    static final Set<Permission> ELEVATED = EnumSet.of(
            Permission.ADMINISTRATOR,
            Permission.MANAGE_SERVER,
            Permission.MANAGE_ROLES,
            Permission.MANAGE_CHANNEL,
            Permission.MANAGE_WEBHOOKS,
            Permission.BAN_MEMBERS,
            Permission.KICK_MEMBERS,
            Permission.MODERATE_MEMBERS,
            Permission.MESSAGE_MENTION_EVERYONE);

    private RolePolicy() {}

    /** Why {@code moderator} may not gate {@code role}; empty when they may. */
    static List<String> refusals(Member moderator, Role role) {
        List<String> out = new ArrayList<>();
        if (role.isPublicRole() || role.isManaged()) {
            out.add("role: " + role.getName() + " is managed by Discord or an integration; pick a normal role");
            return out;
        }
        if (!moderator.isOwner() && !moderator.canInteract(role)) {
            out.add("role: " + role.getName() + " sits at or above your highest role, so you can't gate it; only "
                    + "roles below your own can be gated (ask someone higher, or the server owner)");
        }
        botRefusal(role).ifPresent(out::add);
        return out;
    }

    /** Why the bot must not manage {@code role}, whoever set up the gate; empty when it may. */
    static Optional<String> botRefusal(Role role) {
        Optional<Permission> power =
                role.getPermissions().stream().filter(ELEVATED::contains).findFirst();
        if (power.isPresent()) {
            return Optional.of(
                    "role: " + role.getName() + " has the " + power.get().getName() + " permission; a "
                            + "gate never hands out a role with power over the server. Gate a role without it");
        }
        if (!role.getGuild().getSelfMember().canInteract(role)) {
            return Optional.of("role: " + role.getName() + " sits above my highest role, so I can't give it. In "
                    + "Server Settings → Roles, drag the Lorekeeper role above it, then add the gate again");
        }
        return Optional.empty();
    }
}
