/**
 * Escalation: who is paged when nobody answers, on-call schedules, and the state machine that
 * drives both.
 *
 * <ul>
 *   <li>{@link com.nexussaude.monitor.escalation.EscalationChain}: the standard policy, a chain of
 *       levels with waits by severity, from JSON or from code; {@code EscalationChain.defaults()}
 *       is the bundled five-level chain (bedside nurse to intensive care).</li>
 *   <li>{@link com.nexussaude.monitor.escalation.OnCallSchedule} and
 *       {@link com.nexussaude.monitor.escalation.Rotation}: who is on call, with daily, weekly and
 *       day/night rotations in the ward's time zone, correct across daylight-saving changes, and
 *       overrides.</li>
 *   <li>{@link com.nexussaude.monitor.escalation.Roster}: people, roles and schedules with their
 *       contact points, the standard
 *       {@link com.nexussaude.monitor.notify.escalation.RecipientResolver}.</li>
 *   <li>{@link com.nexussaude.monitor.escalation.Escalator}: the deterministic state machine that
 *       starts, advances, acknowledges and resolves escalations, exports and restores them, and
 *       audits the overdue ones.</li>
 * </ul>
 * The contracts it implements are in {@code com.nexussaude.monitor.notify.escalation}.
 */
package com.nexussaude.monitor.escalation;
