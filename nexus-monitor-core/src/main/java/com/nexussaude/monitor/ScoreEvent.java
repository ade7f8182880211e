package com.nexussaude.monitor;

import com.nexussaude.monitor.score.News2Score;
import java.time.Instant;

/**
 * A patient's NEWS2 changed (total, risk, or completeness), from the streaming {@code news2} pack.
 *
 * @param patientId the patient
 * @param timestamp event time of the reading that changed it
 * @param news2     the new score, with sub-scores, risk and the {@code partial} flag
 * @param previous  the score before, or {@code null} for the patient's first score
 * @since 0.1
 */
public record ScoreEvent(String patientId, Instant timestamp, News2Score news2, News2Score previous) {
}
