/**
 * The Nexus Monitor test kit: what a host needs to test its own rules and configuration against the
 * monitor, on event time, deterministically.
 *
 * <ul>
 *   <li>{@link com.nexussaude.monitor.testing.MonitorFixture}: a monitor on event time with synchronous
 *       listeners and recording channels, and assertions over what it raised and paged.</li>
 *   <li>{@link com.nexussaude.monitor.testing.RecordingAlertListener}: records alert events and checks
 *       the alert lifecycle and the test's expectations; broken expectations fail the test on its own
 *       thread, never inside the monitor.</li>
 *   <li>{@link com.nexussaude.monitor.testing.ReplayAssertions}: an alert raised by a time, never raised,
 *       a patient paged up to an escalation level.</li>
 *   <li>{@link com.nexussaude.monitor.testing.VitalsScenario}: one patient's vitals over time.</li>
 *   <li>{@link com.nexussaude.monitor.testing.RecordingChannel}: a channel that keeps every page.</li>
 * </ul>
 *
 * <p>Add {@code com.nexussaude:nexus-monitor-testing} with {@code <scope>test</scope>}. It depends on
 * nexus-monitor-core only, not on a test framework: failures are {@link java.lang.AssertionError}s.
 *
 * @since 0.4
 */
package com.nexussaude.monitor.testing;
