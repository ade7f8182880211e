package com.nexussaude.monitor.testing;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Assertions over what a replay produced: an alert raised by a time, an alert never raised, a patient
 * paged up to an escalation level. They read a {@link RecordingAlertListener}'s events and a
 * {@link RecordingChannel}'s pages, so they work on any monitor; {@link MonitorFixture} has the same
 * assertions reading its own listener and channels and its clock.
 *
 * <p>Times are monitor times (event time in a replay). A failure is an {@link AssertionError} whose
 * message lists what was raised or paged for the patient instead.
 *
 * @since 0.4
 */
public final class ReplayAssertions {
    private ReplayAssertions() {
    }

    /**
     * Asserts that an alert matching {@code what} was raised for {@code patientId} at or before {@code by}.
     *
     * @param alerts    the events of the monitor
     * @param patientId the patient
     * @param what      which alerts count (rule, key, category, severity range), e.g.
     *                  {@code AlertMatcher.rules("threshold").withKeys("SPO2").atLeast(Severity.HIGH)}
     * @param by        the latest monitor time the alert may be raised at, inclusive
     * @return the first such alert, as raised
     * @throws AssertionError if none was
     */
    public static Alert assertRaisedBy(RecordingAlertListener alerts, String patientId, AlertMatcher what, Instant by) {
        Objects.requireNonNull(by, "by");
        List<AlertEvent> matching = raisedMatching(alerts, patientId, what);
        return matching.stream()
                .filter(e -> !e.timestamp().isAfter(by))
                .map(AlertEvent::alert)
                .findFirst()
                .orElseThrow(() -> new AssertionError("expected an alert " + what + " raised for " + patientId
                        + " by " + by + (matching.isEmpty() ? ", but none was" : ", but the first was raised only at "
                        + matching.get(0).timestamp()) + "; raised for " + patientId + ": " + raisedSummary(alerts, patientId)));
    }

    /**
     * Asserts that no alert matching {@code what} was ever raised for {@code patientId}.
     *
     * @param alerts    the events of the monitor
     * @param patientId the patient
     * @param what      which alerts must not be raised
     * @throws AssertionError naming the first one raised
     */
    public static void assertNeverRaised(RecordingAlertListener alerts, String patientId, AlertMatcher what) {
        List<AlertEvent> matching = raisedMatching(alerts, patientId, what);
        if (!matching.isEmpty()) {
            throw new AssertionError("expected no alert " + what + " for " + patientId + ", but "
                    + matching.size() + " were raised, the first: " + RecordingAlertListener.describe(matching.get(0)));
        }
    }

    /**
     * Asserts that {@code patientId} was paged at escalation level {@code level} at or before {@code by}.
     *
     * @param pages     the pages delivered (a {@link RecordingChannel}'s, or several channels' together)
     * @param patientId the patient
     * @param level     the escalation level (1 for the first); without an escalation policy every page is level 1
     * @param by        the latest monitor time, inclusive
     * @return the first page at that level
     * @throws AssertionError if there was none by then
     */
    public static Notification assertPagedToLevelBy(List<Notification> pages, String patientId, int level, Instant by) {
        Objects.requireNonNull(by, "by");
        return pages.stream()
                .filter(n -> n.patientId().equals(patientId) && n.escalationLevel() == level && !n.timestamp().isAfter(by))
                .findFirst()
                .orElseThrow(() -> new AssertionError("expected " + patientId + " paged at escalation level " + level
                        + " by " + by + "; pages for " + patientId + ": " + pageSummary(pages, patientId)));
    }

    /**
     * Asserts that {@code patientId} was never paged above escalation level {@code level}.
     *
     * @param pages     the pages delivered
     * @param patientId the patient
     * @param level     the highest level allowed
     * @throws AssertionError naming the first page above it
     */
    public static void assertNotPagedBeyond(List<Notification> pages, String patientId, int level) {
        pages.stream()
                .filter(n -> n.patientId().equals(patientId) && n.escalationLevel() > level)
                .findFirst()
                .ifPresent(n -> {
                    throw new AssertionError("expected " + patientId + " paged no higher than level " + level
                            + ", but was paged at level " + n.escalationLevel() + " (" + n.recipient().id() + " at "
                            + n.timestamp() + "); pages for " + patientId + ": " + pageSummary(pages, patientId));
                });
    }

    private static List<AlertEvent> raisedMatching(RecordingAlertListener alerts, String patientId, AlertMatcher what) {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(what, "what");
        return alerts.events(AlertEventType.RAISED).stream()
                .filter(e -> e.alert().patientId().equals(patientId) && what.matches(e.alert()))
                .toList();
    }

    private static String raisedSummary(RecordingAlertListener alerts, String patientId) {
        List<Alert> raised = alerts.raised(patientId);
        return raised.isEmpty() ? "none" : raised.stream()
                .map(a -> a.ruleId() + "/" + a.key() + " " + a.severity() + " at " + a.raisedAt())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String pageSummary(List<Notification> pages, String patientId) {
        List<String> mine = pages.stream().filter(n -> n.patientId().equals(patientId))
                .map(n -> "L" + n.escalationLevel() + " " + n.event().wireName() + " to " + n.recipient().id() + " at " + n.timestamp())
                .toList();
        return mine.isEmpty() ? "none" : mine.toString();
    }
}
