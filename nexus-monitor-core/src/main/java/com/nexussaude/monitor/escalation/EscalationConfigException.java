package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.NexusMonitorException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An escalation policy configuration, or an exported escalation state given back to
 * {@link Escalator#restore}, is invalid. Every problem found is reported at once, each naming the
 * JSON path and the bad value: {@code levels[2].wait_minutes: must be >= 0, but was -5}. Nothing
 * was built or restored.
 *
 * @since 0.1
 */
public class EscalationConfigException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    /** Problems shown in the message; all are kept in {@link #problems()}. */
    private static final int SHOWN = 20;

    /** Every problem, in the order found. */
    private final List<Problem> problems;

    /**
     * An exception reporting {@code problems}.
     *
     * @param what what was being read, for the message (e.g. {@code "escalation chain"}); not null
     * @param problems every problem found, in order; not empty; copied
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public EscalationConfigException(String what, List<Problem> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem, in the order found.
     *
     * @return every problem, in the order found
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String what, List<Problem> problems) {
        Objects.requireNonNull(what, "what");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an EscalationConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return "invalid " + what + ": " + problems.get(0);
        }
        String shown = problems.stream().limit(SHOWN).map(Problem::toString).collect(Collectors.joining("; "));
        return "invalid " + what + ", " + problems.size() + " problems: " + shown
                + (problems.size() > SHOWN ? "; ..." : "");
    }

    /**
     * One problem.
     *
     * <p>Serializable with its exception; its serialized form is its two components, as for any record
     * ({@code @serial exclude} only keeps it off the serialized-form page, where JDK 17's javadoc cannot
     * document a record's implicit fields).
     *
     * @serial exclude
     * @param path    where, as a JSON path without the leading {@code $.} ({@code levels[2].wait_minutes});
     *                {@code (document)} for the whole input
     * @param message what is wrong, with the value found ({@code must be >= 0, but was -5})
     */
    public record Problem(String path, String message) implements java.io.Serializable {

        /**
         * Checks the components.
         *
         * @param path where, as a JSON path without the leading {@code $.} ({@code levels[2].wait_minutes});
         *     {@code (document)} for the whole input
         * @param message what is wrong, with the value found ({@code must be >= 0, but was -5})
         */
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        /** {@code path: message}. */
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }
}
