package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.InhibitionRule;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The silences and suppression that {@link AlertBook} asks, on their own: which silence mutes an alert
 * (the first in force that matches, its ward asked only when a silence names one), when the next silence
 * starts or ends, and that a matching silence names an alert's suppression before an inhibition does.
 */
class SilencesAndSuppressionsTest {
    static final long T0 = 1_795_000_000_000L;
    final Silences silences = new Silences();
    final List<String> wardsAsked = new ArrayList<>();
    final Function<String, String> wardOf = patient -> {
        wardsAsked.add(patient);
        return "icu";
    };

    static AlertEntry alert(String id, String patient, String rule, String key, Severity severity) {
        AlertEntry e = new AlertEntry(id, new AlertBook.Key(patient, rule, key), Category.PHYSIOLOGICAL, T0, AlertState.OPEN);
        e.severity = severity;
        e.evidence = Map.of();
        return e;
    }

    static Silence.Builder silence() {
        return Silence.builder().by("nurse-a").because("washing");
    }

    @Test
    void theFirstSilenceInForceThatMatchesMutesAndTheWardIsAskedOnlyWhenASilenceNamesOne() {
        AlertEntry spo2 = alert("alert-000001", "bed-1", "threshold", "SPO2", Severity.MEDIUM);
        Silence other = silences.add(silence().patient("bed-2").until(Instant.ofEpochMilli(T0 + 600_000)).build(), T0, id -> false);
        assertThat(silences.silencing(spo2, T0, wardOf)).isNull();
        assertThat(wardsAsked).isEmpty();

        Silence ward = silences.add(silence().ward("icu").matching(AlertMatcher.rules("threshold"))
                .until(Instant.ofEpochMilli(T0 + 600_000)).build(), T0, id -> false);
        Silence patient = silences.add(silence().patient("bed-1").until(Instant.ofEpochMilli(T0 + 900_000)).build(), T0,
                id -> false);
        assertThat(List.of(other.silenceId(), ward.silenceId(), patient.silenceId()))
                .containsExactly("silence-000001", "silence-000002", "silence-000003");
        assertThat(silences.silencing(spo2, T0, wardOf)).isEqualTo(ward);
        assertThat(wardsAsked).containsExactly("bed-1");

        assertThat(silences.silencing(spo2, T0 + 600_000, wardOf)).as("the ward's silence has ended").isEqualTo(patient);
        assertThat(silences.silencing(spo2, T0 + 900_000, wardOf)).isNull();
    }

    @Test
    void theNextBoundaryIsTheEarliestStartOrEndNotYetPassed() {
        assertThat(silences.nextBoundary()).isEqualTo(Long.MAX_VALUE);
        silences.checkedUpTo(T0);
        silences.add(silence().from(Instant.ofEpochMilli(T0 + 60_000)).until(Instant.ofEpochMilli(T0 + 120_000)).build(),
                T0, id -> false);
        silences.add(silence().until(Instant.ofEpochMilli(T0 + 90_000)).build(), T0, id -> false);
        assertThat(silences.nextBoundary()).isEqualTo(T0 + 60_000);
        silences.passed(T0 + 60_000);
        assertThat(silences.nextBoundary()).isEqualTo(T0 + 90_000);
        assertThat(silences.endedBy(T0 + 90_000)).containsExactly("silence-000002");
        assertThat(silences.remove("silence-000002")).isNotNull();
        assertThat(silences.remove("silence-000002")).isNull();
        assertThat(silences.nextBoundary()).isEqualTo(T0 + 120_000);
        silences.passed(T0 + 120_000);
        assertThat(silences.nextBoundary()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aSilenceUntilResolvedNeedsAnActiveAlertAndMutesOnlyIt() {
        assertThatThrownBy(() -> silences.add(silence().untilResolved("alert-000009").build(), T0, id -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot silence 'alert-000009' until resolved: it is not an active alert");
        assertThatThrownBy(() -> silences.add(silence().until(Instant.ofEpochMilli(T0)).build(), T0, id -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which is not after the monitor clock");
        Silence s = silences.add(silence().untilResolved("alert-000001").build(), T0, "alert-000001"::equals);
        assertThat(silences.madeFor("alert-000001")).containsExactly(s.silenceId());
        assertThat(silences.silencing(alert("alert-000001", "bed-1", "threshold", "HR", Severity.HIGH), T0, wardOf))
                .isEqualTo(s);
        assertThat(silences.silencing(alert("alert-000002", "bed-1", "threshold", "HR", Severity.HIGH), T0, wardOf))
                .isNull();
    }

    @Test
    void idsContinueAfterTheJournalsAndRestoredSilencesCount() {
        silences.reserve("silence-000041");
        Silence restored = new Silence("silence-000040", "bed-1", null, AlertMatcher.any(), Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 60_000), null, "nurse-a", "washing");
        silences.restore(List.of(restored));
        assertThat(silences.all()).containsExactly(restored);
        assertThat(silences.nextBoundary()).isEqualTo(T0);
        assertThat(silences.add(silence().until(Instant.ofEpochMilli(T0 + 60_000)).build(), T0, id -> false).silenceId())
                .isEqualTo("silence-000042");
    }

    @Test
    void aSilenceNamesTheSuppressionBeforeAnInhibitionAndAnInhibitionNeedsAMoreSevereSource() {
        Suppressions suppressions = new Suppressions(silences, InhibitionRule.DEFAULTS, wardOf);
        AlertEntry news2 = alert("alert-000001", "bed-1", "news2", null, Severity.HIGH);
        AlertEntry threshold = alert("alert-000002", "bed-1", "threshold", "SPO2", Severity.MEDIUM);
        AlertEntry critical = alert("alert-000003", "bed-1", "threshold", "HR", Severity.CRITICAL);
        List<AlertEntry> active = List.of(news2, threshold, critical);

        Suppression inhibited = suppressions.of(threshold, T0, active);
        assertThat(inhibited.kind()).isEqualTo(Suppression.Kind.INHIBITION);
        assertThat(inhibited.reason())
                .isEqualTo("inhibited by alert-000001 (news2 high) under news2-inhibits-lower-single-parameter");
        assertThat(suppressions.of(critical, T0, active)).as("not less severe than the NEWS2 alert").isNull();
        assertThat(suppressions.of(news2, T0, active)).isNull();

        Silence s = silences.add(silence().patient("bed-1").until(Instant.ofEpochMilli(T0 + 60_000)).build(), T0,
                id -> false);
        Suppression silenced = suppressions.of(threshold, T0, active);
        assertThat(silenced.kind()).isEqualTo(Suppression.Kind.SILENCE);
        assertThat(silenced.reason()).isEqualTo("silenced by " + s.silenceId() + " (nurse-a: washing)");
    }
}
