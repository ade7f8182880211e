package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.IncidentEvent;

/**
 * Where the lifecycle's recorded events go next, wired at build time: the host's listeners (queued for the
 * listener thread) and then paging, once paging has joined (after the journal's restore: what the restore
 * replays is not paged again). Each event goes to both, listeners first, on the engine thread under the lock.
 */
public final class Announcements implements AlertBook.LifecycleSink {
    private final AlertBook.LifecycleSink listeners;
    private AlertBook.LifecycleSink paging;

    public Announcements(AlertBook.LifecycleSink listeners) {
        this.listeners = listeners;
    }

    /** Paging hears of every event from now on. */
    public void pagingJoins(AlertBook.LifecycleSink paging) {
        this.paging = paging;
    }

    @Override
    public void alert(AlertEvent event) {
        listeners.alert(event);
        if (paging != null) {
            paging.alert(event);
        }
    }

    @Override
    public void incident(IncidentEvent event) {
        listeners.incident(event);
        if (paging != null) {
            paging.incident(event);
        }
    }

    @Override
    public boolean wantsIncidents() {
        return listeners.wantsIncidents() || paging != null;
    }
}
