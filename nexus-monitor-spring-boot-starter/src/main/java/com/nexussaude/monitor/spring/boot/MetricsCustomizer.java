package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.micrometer.VitalMonitorMetrics;

/** Wires {@link VitalMonitorMetrics} into the monitor the starter builds, as its Javadoc shows. */
final class MetricsCustomizer implements VitalMonitorCustomizer {
    private final VitalMonitorMetrics metrics;

    MetricsCustomizer(VitalMonitorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void customize(VitalMonitor.Builder builder) {
        builder.listener(metrics.alertListener()).incidentListener(metrics.incidentListener());
    }

    @Override
    public void customizePaging(Paging.Builder paging) {
        paging.deliveryListener(metrics.deliveryListener());
    }

    @Override
    public AlertJournal journal(AlertJournal journal) {
        return metrics.timed(journal);
    }

    @Override
    public void built(VitalMonitor monitor) {
        metrics.monitor(monitor);
    }
}
