package com.nexussaude.monitor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link VitalMonitor#submitAll} did with a list of observations: the {@link SubmitResult} of each
 * observation it took, by its index in the list, and the observations it refused, each with the
 * {@link InvalidObservationException} that {@link VitalMonitor#submitAndReport} would have thrown for it.
 * Immutable.
 *
 * @since 0.5
 */
public final class BatchResult {
    /**
     * An observation of the list that was refused, and why.
     *
     * @param index     its index in the list given to {@link VitalMonitor#submitAll}
     * @param exception what {@link VitalMonitor#submitAndReport} would have thrown for it (a
     *                  {@link LateObservationException}, {@link UnknownPatientException},
     *                  {@link PatientLimitException} or another {@link InvalidObservationException})
     * @since 0.5
     */
    public record Refusal(int index, InvalidObservationException exception) {
        /**
         * Checks both components.
         *
         * @param index     its index in the list, at least 0
         * @param exception why it was refused, not null
         */
        public Refusal {
            if (index < 0) {
                throw new IllegalArgumentException("index must be at least 0, but was " + index);
            }
            Objects.requireNonNull(exception, "exception");
        }
    }

    /** Each observation's result by index; null where it was refused. Never handed out. */
    private final SubmitResult[] results;
    private final List<Refusal> refusals;

    /**
     * Takes {@code results} as it is (the caller hands it over and keeps no reference): null at each refused
     * index, which {@code refusals} names in order.
     */
    BatchResult(SubmitResult[] results, List<Refusal> refusals) {
        this.results = results;
        this.refusals = List.copyOf(refusals);
    }

    /**
     * How many observations the list held.
     *
     * @return how many observations the list held
     */
    public int size() {
        return results.length;
    }

    /**
     * How many observations were taken (some of their values may still have been rejected: see each
     * {@link SubmitResult}).
     *
     * @return how many observations were taken
     */
    public int accepted() {
        return results.length - refusals.size();
    }

    /**
     * Whether every observation was taken.
     *
     * @return whether no observation was refused
     */
    public boolean allAccepted() {
        return refusals.isEmpty();
    }

    /**
     * The result of the observation at {@code index}, as {@link VitalMonitor#submitAndReport} would have
     * returned it; empty if it was refused (see {@link #refusals()}).
     *
     * @param index the observation's index in the list
     * @return its result, or empty if it was refused
     * @throws IndexOutOfBoundsException if {@code index} is not an index of the list
     */
    public Optional<SubmitResult> result(int index) {
        Objects.checkIndex(index, results.length);
        return Optional.ofNullable(results[index]);
    }

    /**
     * The refused observations, in the list's order.
     *
     * @return the refused observations, in the list's order (immutable)
     */
    public List<Refusal> refusals() {
        return refusals;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchResult b && Arrays.equals(results, b.results) && refusals.equals(b.refusals);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(results) + refusals.hashCode();
    }

    @Override
    public String toString() {
        return "BatchResult[size=" + results.length + ", accepted=" + accepted() + ", refusals=" + refusals + "]";
    }
}
