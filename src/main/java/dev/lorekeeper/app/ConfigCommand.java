package dev.lorekeeper.app;

import picocli.CommandLine.Command;

/** {@code lorekeeper config ...}: configuration tools. */
@Command(
        name = "config",
        description = "Configuration tools",
        mixinStandardHelpOptions = true,
        subcommands = ConfigCheckCommand.class)
public final class ConfigCommand {}
