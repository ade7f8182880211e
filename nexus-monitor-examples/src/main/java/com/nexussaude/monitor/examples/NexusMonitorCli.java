package com.nexussaude.monitor.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nexus-monitor} command line: {@code replay} recorded observations through a monitor and
 * print its alert events as JSON Lines, or run a self-contained {@code demo} ward. Built on the
 * public {@code com.nexussaude.monitor} API only, so it doubles as an example of embedding it.
 *
 * <p>Exit codes: 0 on success (even when some input lines were invalid; they are reported and
 * counted), 2 on bad usage (unknown option, missing file, bad config, a rule file that does not
 * compile).
 */
@Command(name = "nexus-monitor", mixinStandardHelpOptions = true, version = "nexus-monitor 0.1.0",
        description = "Embeddable real-time patient monitor: replay observations, run a demo ward, or serve the monitoring service.",
        synopsisSubcommandLabel = "COMMAND")
public final class NexusMonitorCli implements Runnable {

    /** The usage-error exit code of the command line contract (also picocli's default). */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * A fresh command line; tests call {@code execute} on it in-process after redirecting its
     * output with {@code setOut}/{@code setErr}.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new NexusMonitorCli())
                .addSubcommand(new ReplayCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new ServeCommand());
    }

    @Override
    public void run() {
        // No subcommand given: that is a usage error, not a silent success.
        throw new CommandLine.ParameterException(spec.commandLine(), "missing COMMAND: replay, demo or serve");
    }
}
