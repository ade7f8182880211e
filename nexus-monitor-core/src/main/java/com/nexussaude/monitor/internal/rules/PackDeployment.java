package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.DeploymentOptions;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.NexusMonitorException;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.internal.lifecycle.ListenerDispatcher;
import com.nexussaude.monitor.internal.lifecycle.RuleOutput;
import com.nexussaude.monitor.score.News2Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The bundled rule packs at {@code build()}: reads their precompiled form, deploys the schema and the configured
 * packs under fixed ids through the loaders {@link RuntimeStart} prepared, attaches the rules' output (signals and
 * clears into the lifecycle, NEWS2 scores to the score listeners) to their statements, and sets the packs' tuning
 * variables from {@link MonitorConfig#packSettings()}; afterwards it answers what the packs' variables hold.
 *
 * <p>Runs on the thread building the monitor, before the engine lock guards anything: nothing else reaches the
 * runtime until {@code build()} returns. The score listener it attaches runs where Esper delivers, under the lock.
 */
public final class PackDeployment {
    private final MonitorConfig config;
    private final Configuration esperConfig;
    private EPRuntime runtime;
    /** The deployment ids of the deployed packs, in deployment order (set by {@link #deploy}). */
    private final List<String> packDeployments = new ArrayList<>();

    public PackDeployment(MonitorConfig config, Configuration esperConfig) {
        this.config = config;
        this.esperConfig = esperConfig;
    }

    /** Every bundled pack's compiled form, in {@link EsperSetup#PACKS} order (each compiles against those before it). */
    public List<EPCompiled> readPacks() {
        List<EPCompiled> path = new ArrayList<>();
        for (String pack : EsperSetup.PACKS) {
            path.add(EsperSetup.loadPack(pack, esperConfig, path));
        }
        return path;
    }

    /** The packs this monitor deploys, by name in deployment order: the schema and the configured ones. */
    public Map<String, EPCompiled> toDeploy(List<EPCompiled> packs) {
        Map<String, EPCompiled> wanted = new LinkedHashMap<>();
        for (int i = 0; i < EsperSetup.PACKS.size(); i++) {
            String pack = EsperSetup.PACKS.get(i);
            if (pack.equals("schema") || config.packs().contains(pack)) {
                wanted.put(pack, packs.get(i));
            }
        }
        return wanted;
    }

    /**
     * Deploys the packs this monitor runs, attaches their output and applies the configured pack settings
     * (unknown names fail the build). Returns the deployments by pack name, in deployment order.
     *
     * @param warmingUp whether the monitor is in its warm-up (scores are then not announced)
     */
    public Map<String, EPDeployment> deploy(EPRuntime runtime, List<EPCompiled> packs, RuntimeStart runtimeStart,
                                            RuleOutput ruleOutput, ListenerDispatcher dispatcher, BooleanSupplier warmingUp) {
        this.runtime = runtime;
        Map<String, EPDeployment> deployed = new LinkedHashMap<>();
        for (Map.Entry<String, EPCompiled> p : toDeploy(packs).entrySet()) {
            String pack = p.getKey();
            EPDeployment d;
            try {
                // Through the loader holding the pack's classes, defined and verified on the start thread meanwhile.
                DeploymentOptions options = runtimeStart.deployOptions(pack);
                // Under an id of its own: Esper otherwise draws a random UUID, and the JVM's first one initializes
                // SecureRandom (tens of ms of a fresh JVM's build()). Only this class reads the packs' ids; an
                // integrator's rule files keep Esper's UUIDs, which never look like these.
                options.setDeploymentId("nexus-monitor-pack-" + pack);
                d = runtime.getDeploymentService().deploy(p.getValue(), options);
            } catch (EPDeployException e) {
                throw new NexusMonitorException("cannot deploy bundled rule pack '" + pack + "': " + e.getMessage(), e);
            }
            packDeployments.add(d.getDeploymentId());
            deployed.put(pack, d);
            attachOutput(d, ruleOutput, dispatcher, warmingUp);
        }
        applyPackSettings(packDeployments);
        return deployed;
    }

    /** The current values of the bundled packs' variables, by name. */
    public Map<String, Object> packVariables() {
        return packVariables(packDeployments);
    }

    /** The current values of the bundled packs' variables, by name. */
    private Map<String, Object> packVariables(List<String> packDeployments) {
        Map<String, Object> values = new java.util.HashMap<>();
        runtime.getVariableService().getVariableValueAll().forEach((k, v) -> {
            if (packDeployments.contains(k.getDeploymentId())) {
                values.put(k.getName(), v);
            }
        });
        return values;
    }

    /** Sets the configured values of the packs' tuning variables; unknown names fail the build. */
    private void applyPackSettings(List<String> packDeployments) {
        Map<String, String> declaredIn = new LinkedHashMap<>();
        runtime.getVariableService().getVariableValueAll().keySet().forEach(k -> {
            if (packDeployments.contains(k.getDeploymentId())) {
                declaredIn.put(k.getName(), k.getDeploymentId());
            }
        });
        for (Map.Entry<String, Object> s : config.packSettings().entrySet()) {
            String deployment = declaredIn.get(s.getKey());
            if (deployment == null) {
                throw new IllegalArgumentException("packSettings: unknown setting '" + s.getKey()
                        + "'; the deployed packs declare " + new java.util.TreeSet<>(declaredIn.keySet()));
            }
            Object current = runtime.getVariableService().getVariableValue(deployment, s.getKey());
            Object value = coerce(s.getKey(), s.getValue(), current);
            try {
                runtime.getVariableService().setVariableValue(deployment, s.getKey(), value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("packSettings: '" + s.getKey() + "' must be a "
                        + (current == null ? "value" : current.getClass().getSimpleName()) + ", but was " + s.getValue(), e);
            }
        }
    }

    /**
     * The setting as the variable's type. A whole number that the type cannot hold exactly is an error naming
     * the setting: narrowed, 4294967297 would become 1 and 2.5 would become 2.
     */
    static Object coerce(String name, Object value, Object current) {
        if (value instanceof Number n) {
            if (current instanceof Double) {
                return n.doubleValue();
            }
            if (current instanceof Long || current instanceof Integer) {
                boolean isInt = current instanceof Integer;
                java.math.BigDecimal exact;
                try {
                    exact = new java.math.BigDecimal(n.toString());
                } catch (NumberFormatException e) {
                    exact = null; // NaN or infinite
                }
                long min = isInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
                long max = isInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
                if (exact == null || exact.stripTrailingZeros().scale() > 0
                        || exact.compareTo(java.math.BigDecimal.valueOf(min)) < 0
                        || exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
                    throw new IllegalArgumentException("packSettings: '" + name + "' must be a whole number within "
                            + min + ".." + max + ", but was " + value);
                }
                return isInt ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
            }
        }
        return value;
    }

    private static void attachOutput(EPDeployment d, RuleOutput ruleOutput, ListenerDispatcher dispatcher,
                                     BooleanSupplier warmingUp) {
        for (EPStatement s : d.getStatements()) {
            if (ruleOutput.attach(s)) {
                continue; // AlertSignal / AlertClear: into the lifecycle
            }
            if (s.getName().equals("news2-score-events") && dispatcher.wantsScores()) {
                s.addListener((newEvents, oldEvents, st, rt) -> {
                    for (EventBean e : newEvents) {
                        if (warmingUp.getAsBoolean()) {
                            continue; // announced by the monitor that ran live then
                        }
                        dispatcher.enqueue(new ScoreEvent((String) e.get("patientId"), Instant.ofEpochMilli((Long) e.get("ts")),
                                (News2Score) e.get("score"), (News2Score) e.get("previous")));
                    }
                });
            }
        }
    }
}
