package dev.lorekeeper.gate;

import dev.lorekeeper.config.RuleSpec;

/** A gate added with /gate add or the dashboard, as stored: its rule before compilation. */
public record StoredGate(long id, long guildId, long roleId, String name, RuleSpec rule) {}
