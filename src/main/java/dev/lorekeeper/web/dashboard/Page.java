package dev.lorekeeper.web.dashboard;

/**
 * What the layout needs on every page: the title, who is logged in (null when nobody), the form token for the logout
 * button, and the server being looked at (null on the server list).
 */
public record Page(
        String title, String userName, String csrf, String guildId, String guildName, String section, int refresh) {
    /** The same page, reloading itself every {@code seconds} (live progress without JavaScript). */
    public Page refreshingEvery(int seconds) {
        return new Page(title, userName, csrf, guildId, guildName, section, seconds);
    }

    public boolean loggedIn() {
        return userName != null;
    }

    public boolean inGuild() {
        return guildId != null;
    }

    public static Page anonymous(String title) {
        return new Page(title, null, null, null, null, null, 0);
    }
}
