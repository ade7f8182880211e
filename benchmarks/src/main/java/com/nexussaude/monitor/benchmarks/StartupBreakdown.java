package com.nexussaude.monitor.benchmarks;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.nexussaude.monitor.internal.rules.EsperSetup;

/**
 * Where a cold start goes: in a fresh JVM, the time to create the Esper runtime with the library's
 * configuration, then to read and to deploy each precompiled pack, in the library's order: the
 * steps {@code VitalMonitor.build()} takes, timed one by one (on bare Esper, so the wrapper's own
 * small share is not in it). Run it several times: each run is one cold start.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.StartupBreakdown
 * </pre>
 */
public final class StartupBreakdown {
    private StartupBreakdown() {
    }

    /** Prints one line per step. */
    public static void main(String[] args) throws EPDeployException {
        long t0 = System.nanoTime();
        EPRuntime runtime = EPRuntimeProvider.getRuntime("startup-breakdown", EsperSetup.configuration());
        runtime.getEventService().advanceTime(0);
        long t1 = System.nanoTime();
        System.out.printf("esper runtime        %5d ms%n", (t1 - t0) / 1_000_000);
        for (String pack : EsperSetup.PACKS) {
            long s = System.nanoTime();
            EPCompiled compiled = RawEsperPipeline.load(pack);
            long m = System.nanoTime();
            runtime.getDeploymentService().deploy(compiled);
            long e = System.nanoTime();
            System.out.printf("%-12s read %5d ms, deploy %5d ms%n", pack, (m - s) / 1_000_000, (e - m) / 1_000_000);
        }
        System.out.printf("total                %5d ms%n", (System.nanoTime() - t0) / 1_000_000);
        runtime.destroy();
    }
}
