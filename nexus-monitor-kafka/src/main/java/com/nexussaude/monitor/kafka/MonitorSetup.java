package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import java.util.Set;

/**
 * How each partition's monitor is configured: the same for every partition and every instance, since a
 * new owner restores the previous owner's journal into it and warms its rules up (docs/kafka.md, Failover).
 *
 * <p>The node sets the event-time clock, the listeners, an in-line listener executor and the paging
 * channels itself; a setup must not rely on wall time or on anything outside the partition's records.
 * An implementation used by {@link KafkaMonitorMain} needs a public no-argument constructor.
 *
 * @since 0.4
 */
public interface MonitorSetup {

    /**
     * A builder with the configuration, rules and input policy every partition's monitor uses.
     *
     * @return a builder with the configuration, rules and input policy every partition's monitor uses
     */
    VitalMonitor.Builder monitor();

    /**
     * The paging policy (escalation and recipients) without channels, or {@code null} for no paging. The
     * node adds one channel per name of {@link #pageChannels()}, each producing to the pages topic.
     *
     * @return the paging policy (escalation and recipients) without channels, or {@code null} for no paging
     */
    default Paging.Builder paging() {
        return null;
    }

    /**
     * Names of the channels the policy pages on; each becomes a channel writing to the pages topic.
     *
     * @return the channel names; empty for none (the default)
     */
    default Set<String> pageChannels() {
        return Set.of();
    }

    /**
     * Called once on each new monitor before its first record, e.g. to register the patients.
     *
     * @param monitor the new monitor, built but before its first record
     */
    default void prepare(VitalMonitor monitor) {
    }
}
