package com.nexussaude.monitor.internal.state;

import java.util.Map;

/**
 * A bundled pack's variables as its Java state reads them once at build ({@code packSettings} applied): the deployed
 * values by name. A variable the state needs and the pack's .epl does not declare is a defect of the build, named.
 */
final class PackVariables {
    private PackVariables() {
    }

    /** The numeric value of {@code pack}'s variable {@code name}; throws naming both if it is not deployed. */
    static Number number(Map<String, Object> variables, String pack, String name) {
        Object v = variables.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("the " + pack + " pack's variable '" + name + "' is not deployed or has no "
                    + "numeric value (found " + v + "): " + pack + ".epl and its Java state disagree");
        }
        return n;
    }
}
