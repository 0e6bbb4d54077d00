package dev.lorekeeper.config;

/** A gate from the config file: in one server, one role follows one rule. */
public record GateConfig(String guildId, String roleId, String name, RuleSpec rule) {}
