package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.dashboard.Access;
import dev.lorekeeper.dashboard.DashboardSessions.Session;

/** What a page handler gets once the session and the member's access were checked. */
record GuildRequest(Session session, long guildId, String guildName, Access access) {
    Page page(String title, String section) {
        return new Page(title, session.userName(), session.csrf(), Long.toString(guildId), guildName, section, 0);
    }
}
