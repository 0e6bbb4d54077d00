package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A member of a guild, and the actions a person takes in the Discord client. */
public final class FakeMember {
    private final DiscordDouble discord;
    private final FakeGuild guild;
    private final FakeUser user;
    private final Set<Long> roles = ConcurrentHashMap.newKeySet();
    private final Instant joinedAt = Instant.now();

    FakeMember(DiscordDouble discord, FakeGuild guild, FakeUser user) {
        this.discord = discord;
        this.guild = guild;
        this.user = user;
    }

    public FakeUser user() {
        return user;
    }

    public long id() {
        return user.id();
    }

    public FakeGuild guild() {
        return guild;
    }

    Set<Long> roleIds() {
        return Set.copyOf(roles);
    }

    void addRoleSilently(long roleId) {
        roles.add(roleId);
    }

    boolean addRole(long roleId) {
        return roles.add(roleId);
    }

    boolean removeRole(long roleId) {
        return roles.remove(roleId);
    }

    /** Runs a slash command as typed in the client: {@code /settings feature name:qa state:off}. */
    public FakeInteraction runs(String commandLine) {
        CommandLineInput input = CommandLineInput.parse(commandLine);
        return slash(input.path(), input.options());
    }

    /** Runs a slash command; {@code path} is "name", "name sub" or "name group sub". */
    public FakeInteraction slash(String path, Map<String, ?> options) {
        return discord.interactions().slash(this, guild.channel("general"), path, options, false);
    }

    public FakeInteraction slashIn(FakeChannel channel, String path, Map<String, ?> options) {
        return discord.interactions().slash(this, channel, path, options, false);
    }

    /** Types into an option with autocomplete; the other options are what the member has filled in so far. */
    public FakeInteraction autocompletes(String path, String option, String typed, Map<String, ?> others) {
        Map<String, Object> all = new LinkedHashMap<>(others);
        all.put(option, typed);
        return discord.interactions().autocomplete(this, guild.channel("general"), path, all, option);
    }

    public FakeInteraction clicks(FakeMessage.Button button) {
        return discord.interactions().click(this, button);
    }

    /** Submits the modal that {@code opener} opened, with values by text input custom id. */
    public FakeInteraction submitsModal(FakeInteraction opener, Map<String, String> values) {
        return discord.interactions().submitModal(this, opener, values);
    }

    /** Sends a message; {@code @Lorekeeper} (the bot's name after @) becomes a real mention. */
    public FakeMessage says(FakeChannel channel, String text) {
        return discord.userMessage(this, channel, text);
    }

    public void leaves() {
        guild.remove(this);
    }

    /** Names of the roles this member holds right now, as Discord sees them. */
    public List<String> roleNames() {
        return roles.stream()
                .map(guild::roleById)
                .filter(r -> r != null)
                .map(FakeRole::name)
                .sorted()
                .toList();
    }

    public boolean hasRole(FakeRole role) {
        return roles.contains(role.id());
    }

    ObjectNode toJson() {
        return Json.obj(
                "user",
                user.toJson(),
                "roles",
                roles.stream().map(String::valueOf).toList(),
                "nick",
                null,
                "avatar",
                null,
                "joined_at",
                Json.time(joinedAt),
                "premium_since",
                null,
                "deaf",
                false,
                "mute",
                false,
                "flags",
                0,
                "pending",
                false,
                "communication_disabled_until",
                null);
    }

    @Override
    public String toString() {
        return user.username();
    }
}
