package com.nexussaude.monitor.internal;

import com.espertech.esper.runtime.client.EPDeploymentDependencyConsumed;
import com.espertech.esper.runtime.client.EPDeploymentService;
import com.espertech.esper.runtime.client.util.EPObjectType;

/**
 * Whether any deployed module reads the {@code VitalSign} event type, from the runtime's own record of what each
 * deployment consumes from the others (schema.epl declares the type; a pack or rule file that filters, joins or
 * windows it consumes it). An integrator who writes a rule on raw readings pays for one event per vital; a ward
 * whose statements read only derived events does not.
 */
final class VitalSignReaders {
    private VitalSignReaders() {
    }

    /** Whether a deployment consumes the {@code VitalSign} event type. */
    static boolean anyDeployed(EPDeploymentService deployments) {
        for (String id : deployments.getDeployments()) {
            EPDeploymentDependencyConsumed consumed = deployments.getDeploymentDependenciesConsumed(id);
            if (consumed == null) {
                continue;
            }
            for (EPDeploymentDependencyConsumed.Item item : consumed.getDependencies()) {
                if (item.getObjectType() == EPObjectType.EVENTTYPE && item.getObjectName().equals("VitalSign")) {
                    return true;
                }
            }
        }
        return false;
    }
}
