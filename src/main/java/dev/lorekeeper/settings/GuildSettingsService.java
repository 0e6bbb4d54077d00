package dev.lorekeeper.settings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.FeatureSwitches;
import dev.lorekeeper.config.GuildDefaults;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Merges the config file's defaults with each server's stored overrides. Reads are cached; writes invalidate. */
public final class GuildSettingsService {
    private final GuildDefaults defaults;
    private final GuildSettingsStore store;
    private final Cache<Long, GuildSettings> cache = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    public GuildSettingsService(GuildDefaults defaults, GuildSettingsStore store) {
        this.defaults = defaults;
        this.store = store;
    }

    public GuildSettings of(long guildId) {
        return cache.get(guildId, this::load);
    }

    /** Stores a new value after checking it; throws a Refusal that says what to write instead. */
    /** The settings table stores a value in a VARCHAR(2000). */
    static final int MAX_VALUE = 2000;

    public GuildSettings set(long guildId, Setting setting, String value, long actorId) {
        String normalised = setting.normalise(value);
        if (normalised.length() > MAX_VALUE) {
            throw new Refusal("Not changed: " + setting.key() + " is " + normalised.length() + " characters long; at "
                    + "most " + MAX_VALUE + " fit (list fewer channels)");
        }
        store.save(guildId, setting.key(), normalised, actorId);
        cache.invalidate(guildId);
        return of(guildId);
    }

    public GuildSettings reset(long guildId, Setting setting, long actorId) {
        store.remove(guildId, setting.key(), actorId);
        cache.invalidate(guildId);
        return of(guildId);
    }

    private GuildSettings load(long guildId) {
        Map<String, String> o = store.load(guildId);
        FeatureSwitches f = defaults.features();
        FeatureSwitches features = new FeatureSwitches(
                flag(o, Setting.VERIFICATION, f.verification()),
                flag(o, Setting.GATING, f.gating()),
                flag(o, Setting.QA, f.qa()),
                flag(o, Setting.CHARACTERS, f.characters()));
        List<String> qa = o.containsKey(Setting.QA_CHANNELS.key())
                ? Arrays.asList(o.get(Setting.QA_CHANNELS.key()).split(","))
                : defaults.qaChannelIds();
        return new GuildSettings(
                guildId,
                o.getOrDefault(Setting.AUDIT_CHANNEL.key(), defaults.auditChannelId()),
                qa,
                o.getOrDefault(Setting.MODERATOR_ROLE.key(), defaults.moderatorRoleId()),
                features,
                flag(o, Setting.DELEGATION, defaults.delegation()),
                // Public character pages are on unless a server switches them off.
                flag(o, Setting.PUBLIC_PAGES, true));
    }

    private static boolean flag(Map<String, String> overrides, Setting s, boolean fallback) {
        String v = overrides.get(s.key());
        return v == null ? fallback : Boolean.parseBoolean(v);
    }
}
