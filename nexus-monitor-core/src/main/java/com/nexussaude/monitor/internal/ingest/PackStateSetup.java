package com.nexussaude.monitor.internal.ingest;

import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.state.AnomalyState;
import com.nexussaude.monitor.internal.state.ArtefactGate;
import com.nexussaude.monitor.internal.state.CorrelationInputs;
import com.nexussaude.monitor.internal.state.News2State;
import com.nexussaude.monitor.internal.state.PackState;
import com.nexussaude.monitor.internal.state.TechnicalState;
import com.nexussaude.monitor.internal.state.ThresholdState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The patient-state stage as the deployed packs configure it, at {@code build()}: the artefact gate's limits
 * from the packs' settings, the threshold pack's persistence policies, and each deployed pack's per-reading state
 * in plain Java, built from the packs' variables as their settings left them.
 *
 * <p>Runs on the thread building the monitor, after the packs are deployed ({@code rules.PackDeployment}) and
 * before the monitor exists, so without the engine lock.
 */
final class PackStateSetup {
    private PackStateSetup() {
    }

    /**
     * The artefact gate's limits: the technical pack's artefact_* settings, or, without that pack, the
     * threshold pack's threshold_artefact_* (the gate hides artefacts from every clinical pack either way).
     *
     * @param values the current values of the bundled packs' variables, by name
     */
    static ArtefactGate.Settings artefactSettings(Map<String, Object> values, MonitorConfig config) {
        ArtefactGate.Settings d = ArtefactGate.Settings.DEFAULTS;
        String prefix = values.containsKey("artefact_hr_jump") ? "artefact_" : "threshold_artefact_";
        for (String name : config.packSettings().keySet()) {
            if (prefix.equals("artefact_") && name.startsWith("threshold_artefact_")) {
                throw new IllegalArgumentException("packSettings: '" + name + "' is deprecated and has no effect while the "
                        + "technical pack is deployed: the artefact gate uses its '" + name.substring("threshold_".length())
                        .replace("artefact_window_ms", "artefact_jump_window_ms") + "'");
            }
        }
        return new ArtefactGate.Settings(
                number(values.get(prefix + "hr_jump"), d.hrJump()),
                number(values.get(prefix + "spo2_drop"), d.spo2Drop()),
                number(values.get(prefix + "rr_jump"), d.rrJump()),
                (long) number(values.get(prefix.equals("artefact_") ? "artefact_jump_window_ms" : "threshold_artefact_window_ms"),
                        d.jumpWindowMs()),
                (long) number(values.get(prefix + "settle_ms"), d.settleMs()),
                (long) number(values.get(prefix + "spo2_window_ms"), d.spo2WindowMs()));
    }

    private static double number(Object value, double otherwise) {
        return value instanceof Number n ? n.doubleValue() : otherwise;
    }

    /** The threshold pack, if configured: each vital's persistence policy, sent to its statements once. */
    static void sendPersistencePolicies(EPEventService events, MonitorConfig config) {
        if (config.packs().contains("threshold")) {
            for (Map.Entry<Vital, PersistencePolicy> p : config.persistence().entrySet()) {
                PersistencePolicy pp = p.getValue();
                events.sendEventObjectArray(new Object[] {p.getKey().name(), pp.mediumDelay().toMillis(),
                        pp.highDelay().toMillis(), pp.maxGap().toMillis(), pp.staleAfter().toMillis(),
                        pp.clearAfter().toMillis()}, "ThresholdPolicyUpdate");
            }
        }
    }

    /**
     * The packs' per-reading state in Java, in EsperSetup.PACKS order (threshold, technical, anomaly, news2,
     * correlation) so that their signals keep the order the packs' statements gave them; built after the pack
     * settings were applied, so that each reads its variables' configured values. The trend pack has none of its own:
     * what its rules read of a patient comes with each trend point ({@code VitalTrend}), from the patient's record.
     *
     * @param deployed the deployed packs by name
     * @param variables the current values of the bundled packs' variables, by name
     */
    static List<PackState> packStates(MonitorConfig config, EPRuntime runtime, EPEventService events,
                                      Map<String, EPDeployment> deployed, Map<String, Object> variables) {
        List<PackState> packStates = new ArrayList<>();
        if (config.packs().contains("threshold")) {
            packStates.add(new ThresholdState(events, config.persistence(), variables));
        }
        if (deployed.containsKey("technical")) {
            packStates.add(new TechnicalState(runtime, deployed.get("technical")));
        }
        if (config.packs().contains("anomaly")) {
            packStates.add(new AnomalyState(events, AnomalyState.Settings.of(variables)));
        }
        if (config.packs().contains("news2")) {
            packStates.add(new News2State(events, News2State.Settings.of(variables)));
        }
        if (deployed.containsKey("correlation")) {
            packStates.add(new CorrelationInputs(events, variables, deployed.get("correlation")));
        }
        return packStates;
    }
}
