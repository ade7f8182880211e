package com.nexussaude.monitor.internal.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The front of the pipeline's inbox for paging's {@link Feedback}: paging offers, the engine takes, both under
 * the engine lock. Taken by kind, in arrival order within a kind, so that the engine raises them in the order it
 * always has (overdue escalations, then coverage gaps, each as found); what a take's own alerts cause (a gap
 * found paging the alert of another gap) waits for the next take, as it did.
 */
public final class FeedbackQueue {
    private final List<Feedback> queued = new LinkedList<>();

    public void offer(Feedback f) {
        queued.add(f);
    }

    /** Removes and returns the queued feedback of one kind, oldest first. */
    <F extends Feedback> List<F> take(Class<F> kind) {
        if (queued.isEmpty()) {
            return List.of();
        }
        List<F> out = new ArrayList<>();
        for (Iterator<Feedback> it = queued.iterator(); it.hasNext(); ) {
            Feedback f = it.next();
            if (kind.isInstance(f)) {
                out.add(kind.cast(f));
                it.remove();
            }
        }
        return out;
    }

    /** Whether nothing waits (for the tests). */
    boolean isEmpty() {
        return queued.isEmpty();
    }
}
