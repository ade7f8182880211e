package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.internal.context.util.EPStatementHandle;
import com.espertech.esper.common.internal.context.util.InsertIntoListener;
import java.util.Map;
import java.util.function.Function;

/**
 * A limit on the events integrator rules route by {@code insert into} in one locked call of the monitor
 * (one observation and what it causes, one timer step, one discharge). A rule file whose statements feed
 * each other ({@code insert into A select ... from A}) would otherwise route forever inside {@code submit},
 * under the engine lock: the monitor hangs and no page goes out. Esper has no such limit of its own; its
 * insert-into router asks this listener before routing each event, and past the limit the event is not
 * routed, which ends the loop. The bundled packs' own routes are not counted (they never loop).
 *
 * <p>Not thread-safe: the runtime calls it on the thread that holds the engine lock.
 */
public final class RouteBudget implements InsertIntoListener {
    /** Default limit on integrator routes per locked call; far above what a sound rule routes per observation. */
    public static final int DEFAULT_LIMIT = 10_000;

    /** What stopped a loop: the rule file, the statement, and the patient of the event it tried to route. */
    public record Overflow(String ruleFile, String statement, String patientId, int limit) {
    }

    private final int limit;
    private final Function<String, String> ruleFileOfDeployment;
    private int routed;
    private Overflow overflow;

    /**
     * @param ruleFileOfDeployment the integrator rule file a deployment id belongs to, or null for a bundled pack
     */
    public RouteBudget(int limit, Function<String, String> ruleFileOfDeployment) {
        this.limit = limit;
        this.ruleFileOfDeployment = ruleFileOfDeployment;
    }

    @Override
    public boolean inserted(EventBean event, EPStatementHandle handle) {
        String file = ruleFileOfDeployment.apply(handle.getDeploymentId());
        if (file == null) {
            return true;
        }
        if (routed < limit) {
            routed++;
            return true;
        }
        if (overflow == null) {
            overflow = new Overflow(file, handle.getStatementName(), patientOf(event), limit);
        }
        return false;
    }

    /** The loop stopped in the call now ending, if any; resets the count for the next call. */
    public Overflow endCall() {
        Overflow o = overflow;
        overflow = null;
        routed = 0;
        return o;
    }

    private static String patientOf(EventBean event) {
        try {
            if (event.getEventType().isProperty("patientId") && event.get("patientId") instanceof String s) {
                return s;
            }
            if (event.getUnderlying() instanceof Map<?, ?> m && m.get("patientId") instanceof String s) {
                return s;
            }
        } catch (RuntimeException e) {
            // a property getter of the rule's own type failed: the overflow is still reported, on no patient
        }
        return null;
    }
}
