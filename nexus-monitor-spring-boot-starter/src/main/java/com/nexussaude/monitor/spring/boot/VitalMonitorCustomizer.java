package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.AlertJournal;

/**
 * A bean that adjusts the monitor the starter builds, for what {@code application.yml} cannot say
 * (listeners, an inhibition rule built in code, a journal wrapper). Every customizer in the context is
 * applied, in bean order, before the monitor is built.
 *
 * @since 0.4
 */
public interface VitalMonitorCustomizer {
    /**
     * Adjusts the monitor's builder (more listeners, {@code strictInput}, {@code signalTtl} …).
     *
     * @param builder the builder, with the properties already applied
     */
    default void customize(VitalMonitor.Builder builder) {
    }

    /**
     * Adjusts the paging setup, when paging is configured (a delivery listener, a retry policy).
     *
     * @param paging the paging builder, with channels and recipients or escalation already applied
     */
    default void customizePaging(Paging.Builder paging) {
    }

    /**
     * Wraps or replaces the journal, when one is configured.
     *
     * @param journal the journal opened from {@code nexus.monitor.journal}
     * @return the journal to use
     */
    default AlertJournal journal(AlertJournal journal) {
        return journal;
    }

    /**
     * Called once the monitor is built, before it is published as a bean.
     *
     * @param monitor the monitor
     */
    default void built(VitalMonitor monitor) {
    }
}
