package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.internal.context.util.ByteArrayProvidingClassLoader;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.internal.kernel.service.EPRuntimeSPI;
import com.nexussaude.monitor.NexusMonitorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packs deployed through the loaders the start thread prepared ({@link RuntimeStart#deployOptions}) are the
 * packs deployed as Esper does it by itself: the same statements, the same output for the same input, their
 * classes defined by the prepared loaders; a pack whose classes cannot be defined fails with its name, and the
 * abandoned build leaves no runtime registered.
 */
class PackClassLoaderTest {
    private static final Configuration CONFIG = EsperSetup.configuration();

    private static Map<String, EPCompiled> allPacks() {
        Map<String, EPCompiled> packs = new LinkedHashMap<>();
        List<EPCompiled> path = new ArrayList<>();
        for (String pack : EsperSetup.PACKS) {
            EPCompiled compiled = EsperSetup.loadPack(pack, CONFIG, path);
            path.add(compiled);
            packs.put(pack, compiled);
        }
        return packs;
    }

    @Test
    void packsDeployedThroughThePreparedLoadersHaveTheSameStatementsAndOutputAsAPlainDeploy() throws EPDeployException {
        Map<String, EPCompiled> packs = allPacks();
        RuntimeStart start = RuntimeStart.begin("pack-class-loader-test-1", EsperSetup.configuration());
        start.packsRead(packs);
        EPRuntime prepared = start.await();
        EPRuntime plain = EPRuntimeProvider.getRuntime("pack-class-loader-test-2", EsperSetup.configuration());
        try {
            Map<String, EPDeployment> preparedDeployments = new LinkedHashMap<>();
            Map<String, EPDeployment> plainDeployments = new LinkedHashMap<>();
            for (Map.Entry<String, EPCompiled> p : packs.entrySet()) {
                preparedDeployments.put(p.getKey(),
                        prepared.getDeploymentService().deploy(p.getValue(), start.deployOptions(p.getKey())));
                plainDeployments.put(p.getKey(), plain.getDeploymentService().deploy(p.getValue()));
            }
            for (String pack : packs.keySet()) {
                assertThat(statements(preparedDeployments.get(pack))).as(pack).isEqualTo(statements(plainDeployments.get(pack)));
                assertThat(moduleLoader(prepared, preparedDeployments.get(pack))).as(pack).isInstanceOf(PackClassLoader.class);
                assertThat(moduleLoader(plain, plainDeployments.get(pack))).as(pack)
                        .isInstanceOf(ByteArrayProvidingClassLoader.class);
            }
            List<String> preparedOutput = record(preparedDeployments.values());
            List<String> plainOutput = record(plainDeployments.values());
            feedACriticalSpo2(prepared);
            feedACriticalSpo2(plain);
            assertThat(plainOutput).anyMatch(e -> e.startsWith("AlertSignal "));
            assertThat(preparedOutput).isEqualTo(plainOutput);
        } finally {
            prepared.destroy();
            plain.destroy();
        }
    }

    @Test
    void aPackWhoseClassesCannotBeDefinedFailsNamedAndTheAbandonedBuildLeavesNoRuntime() {
        Map<String, EPCompiled> packs = allPacks();
        EPCompiled threshold = packs.get("threshold");
        Map<String, byte[]> corrupt = new HashMap<>(threshold.getClasses());
        String victim = corrupt.keySet().iterator().next();
        corrupt.put(victim, Arrays.copyOf(corrupt.get(victim), 40));
        packs.put("threshold", new EPCompiled(corrupt, threshold.getManifest()));
        RuntimeStart start = RuntimeStart.begin("pack-class-loader-test-3", EsperSetup.configuration());
        start.packsRead(packs);
        start.await();
        start.deployOptions("schema");
        NexusMonitorException failure = org.junit.jupiter.api.Assertions.assertThrows(NexusMonitorException.class,
                () -> start.deployOptions("threshold"));
        assertThat(failure).hasMessageContaining("bundled rule pack 'threshold'").hasCauseInstanceOf(LinkageError.class);
        start.abandon(failure);
        assertThat(EPRuntimeProvider.hasRuntime("pack-class-loader-test-3")).isFalse();
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void aPackNeverHandedOverIsAnErrorOfTheCaller() {
        RuntimeStart start = RuntimeStart.begin("pack-class-loader-test-4", EsperSetup.configuration());
        start.packsRead(Map.of());
        try {
            assertThatThrownBy(() -> start.deployOptions("trend")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'trend'");
        } finally {
            start.await().destroy();
        }
    }

    private static List<String> statements(EPDeployment d) {
        List<String> out = new ArrayList<>();
        for (EPStatement s : d.getStatements()) {
            out.add(s.getName() + " " + s.getProperty(com.espertech.esper.common.client.util.StatementProperty.STATEMENTTYPE) + " "
                    + (s.getEventType() == null ? "-" : s.getEventType().getName() + Arrays.toString(s.getEventType().getPropertyNames())));
        }
        return out;
    }

    private static ClassLoader moduleLoader(EPRuntime runtime, EPDeployment d) {
        return ((EPRuntimeSPI) runtime).getServicesContext().getDeploymentLifecycleService()
                .getDeploymentById(d.getDeploymentId()).getModuleProvider().getClass().getClassLoader();
    }

    /** Every statement's output, in order: event type and values. */
    private static List<String> record(Iterable<EPDeployment> deployments) {
        List<String> out = new ArrayList<>();
        for (EPDeployment d : deployments) {
            for (EPStatement s : d.getStatements()) {
                s.addListener((newEvents, oldEvents, statement, rt) -> {
                    for (EventBean e : newEvents == null ? new EventBean[0] : newEvents) {
                        Object u = e.getUnderlying();
                        out.add(e.getEventType().getName() + " " + statement.getName() + " "
                                + (u instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(u)));
                    }
                });
            }
        }
        return out;
    }

    /** A policy for SpO2 and a critical SpO2 reading held for two minutes, as the engine sends them. */
    private static void feedACriticalSpo2(EPRuntime runtime) {
        runtime.getEventService().advanceTime(0);
        runtime.getEventService().sendEventObjectArray(new Object[] {"SPO2", 0L, 0L, 60_000L, 300_000L, 60_000L},
                "ThresholdPolicyUpdate");
        for (long ts = 1_000; ts <= 120_000; ts += 1_000) {
            runtime.getEventService().advanceTime(ts);
            runtime.getEventService().sendEventObjectArray(
                    new Object[] {"p1", "SPO2", 84.0, ts, 3, -1, 85.0, 3, 1_000L, false}, "ThresholdReading");
        }
    }
}
