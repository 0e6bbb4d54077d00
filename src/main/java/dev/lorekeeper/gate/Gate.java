package dev.lorekeeper.gate;

/** In one server, one role follows one rule. {@code id} is null for gates from the config file. */
public record Gate(Long id, long guildId, long roleId, String name, Rule rule) {
    public String label() {
        return id == null ? name + " (config)" : name + " (#" + id + ")";
    }
}
