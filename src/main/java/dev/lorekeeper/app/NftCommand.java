package dev.lorekeeper.app;

import picocli.CommandLine.Command;

/** {@code lorekeeper nft ...}: token tools for operators. */
@Command(
        name = "nft",
        description = "Token tools",
        mixinStandardHelpOptions = true,
        subcommands = {NftMetadataCommand.class})
public final class NftCommand {}
