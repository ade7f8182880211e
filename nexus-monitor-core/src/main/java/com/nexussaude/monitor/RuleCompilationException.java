package com.nexussaude.monitor;

import java.util.List;

/**
 * A rule file failed to compile or deploy. Nothing of the file was deployed: rules already running
 * keep running unchanged. {@link #problems()} lists every problem Esper reported, each with the
 * file and line, so an integrator sees them all in one run.
 *
 * @since 0.1
 */
public class RuleCompilationException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem in a rule file.
     *
     * @param source  the file or resource name
     * @param line    1-based line in the file, or 0 when Esper gave none
     * @param message Esper's message
     */
    public record Problem(String source, int line, String message) {
        @Override
        public String toString() {
            return source + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** The file or resource that failed. */
    private final String source;
    private final transient List<Problem> problems;

    /**
     * A rule file that did not compile.
     *
     * @param source   the file or resource name
     * @param problems every problem found, in order; copied; the message lists them
     * @param cause    Esper's exception
     */
    public RuleCompilationException(String source, List<Problem> problems, Throwable cause) {
        super(format(source, problems), cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /**
     * The file or resource that failed.
     *
     * @return the file or resource that failed
     */
    public String source() {
        return source;
    }

    /**
     * Every problem reported, in file order.
     *
     * @return every problem reported, in file order
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        if (problems.size() == 1) {
            return "rule file " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("rule file " + source + " has " + problems.size() + " problems:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
