/**
 * Escalation contracts: who is paged when nobody answers, through which channels, and how long
 * each level waits before the next. JDK only, like the rest of the SPI.
 *
 * <ul>
 *   <li>{@link com.nexussaude.monitor.notify.escalation.EscalationSubject}: the incident as an
 *       escalation sees it, with no dependency on the engine's types.</li>
 *   <li>{@link com.nexussaude.monitor.notify.escalation.EscalationPolicy}: given a subject, a level
 *       and a repeat count, the {@link com.nexussaude.monitor.notify.escalation.EscalationStep} to
 *       take: {@link com.nexussaude.monitor.notify.escalation.EscalationTarget targets}, channels
 *       and the wait before the next level.</li>
 *   <li>{@link com.nexussaude.monitor.notify.escalation.RecipientResolver}: turns a target (a
 *       person, a role, an on-call schedule) into recipients with contact points at a given
 *       instant.</li>
 *   <li>{@link com.nexussaude.monitor.notify.escalation.CoverageGap}: a target that could not be
 *       paged, reported so that the host can raise a technical alert.</li>
 * </ul>
 *
 * <p>The policy says <em>what</em> to do and is snapshotted when an incident starts; the resolver
 * says <em>who</em> that is right now and is asked at every page, so that a changed rota or an
 * override applies to escalations already running.
 */
package com.nexussaude.monitor.notify.escalation;
