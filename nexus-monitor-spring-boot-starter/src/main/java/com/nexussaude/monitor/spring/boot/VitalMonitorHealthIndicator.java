package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.VitalMonitor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The monitor's technical health: DOWN while its journal cannot write (records wait to be written, or
 * were lost), UP otherwise, with the journal backlog, records lost, pages pending and patients monitored
 * as details. It says nothing of the patients' condition: open alerts are clinical, not a health problem.
 *
 * @since 0.4
 */
public final class VitalMonitorHealthIndicator implements HealthIndicator {
    private final VitalMonitor monitor;

    /**
     * A health indicator for {@code monitor}.
     *
     * @param monitor the monitor
     */
    public VitalMonitorHealthIndicator(VitalMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        Health.Builder h = monitor.journalHealthy() ? Health.up() : Health.down();
        return h.withDetail("journalHealthy", monitor.journalHealthy())
                .withDetail("journalBacklog", monitor.journalBacklog())
                .withDetail("journalRecordsLost", monitor.journalRecordsLost())
                .withDetail("pendingNotifications", monitor.pendingNotifications())
                .withDetail("monitoredPatients", monitor.monitoredPatients())
                .build();
    }
}
