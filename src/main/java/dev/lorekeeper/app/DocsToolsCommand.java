package dev.lorekeeper.app;

import picocli.CommandLine.Command;

/** {@code lorekeeper docs ...}: tools for the docs that members read. */
@Command(
        name = "docs",
        description = "Tools for the docs",
        mixinStandardHelpOptions = true,
        subcommands = DocsLintCommand.class)
public final class DocsToolsCommand {}
