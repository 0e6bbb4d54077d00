package dev.lorekeeper.app;

import dev.lorekeeper.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lorekeeper} command line. A new subcommand is one class added to the list below. */
@Command(
        name = "lorekeeper",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Discord bot for NFT communities: wallet verification, token-gated roles, docs Q&A and "
                + "living characters.",
        subcommands = {
            RunCommand.class,
            ConfigCommand.class,
            SiweCommand.class,
            SweepCommand.class,
            IngestCommand.class,
            AskCommand.class,
            EvalCommand.class,
            EvalLooCommand.class,
            NftCommand.class,
            DocsToolsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces on errors")
    boolean debug;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given output streams (tests read what an operator would see). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = main.debug || hasDebugFlag(args);
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof CliFailure f) {
                commandLine.getErr().println(f.getMessage());
                return f.exitCode();
            }
            if (e instanceof StoreException || e instanceof IllegalStateException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("error: " + e + (debug ? "" : " (run with --debug for details)"));
            return 2;
        });
        return cli.execute(args);
    }

    private static boolean hasDebugFlag(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** No subcommand: run the bot. */
    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }
}
