package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.runtime.client.EPDeploymentDependencyConsumed;
import com.espertech.esper.runtime.client.EPDeploymentService;
import com.espertech.esper.runtime.client.util.EPObjectType;

/**
 * Whether any deployed module reads one of schema.epl's per-reading event types ({@code VitalSign}, one per accepted
 * vital; {@code ObservationEnd}, one per observation), from the runtime's own record of what each deployment
 * consumes from the others (a pack or rule file that filters, joins or windows the type consumes it). An integrator
 * who writes a rule on raw readings pays for those events; a ward whose statements read only derived events does not.
 */
public final class EventTypeReaders {
    private EventTypeReaders() {
    }

    /** Whether a deployment consumes the event type named {@code type}. */
    public static boolean anyDeployed(EPDeploymentService deployments, String type) {
        for (String id : deployments.getDeployments()) {
            EPDeploymentDependencyConsumed consumed = deployments.getDeploymentDependenciesConsumed(id);
            if (consumed == null) {
                continue;
            }
            for (EPDeploymentDependencyConsumed.Item item : consumed.getDependencies()) {
                if (item.getObjectType() == EPObjectType.EVENTTYPE && item.getObjectName().equals(type)) {
                    return true;
                }
            }
        }
        return false;
    }
}
