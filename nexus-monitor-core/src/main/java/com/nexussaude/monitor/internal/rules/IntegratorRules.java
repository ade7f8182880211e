package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPUndeployException;
import com.nexussaude.monitor.NexusMonitorException;
import com.nexussaude.monitor.RuleCompilationException;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.lifecycle.HeadlineRules;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrator's rule files running beside the bundled packs: deploys a file under a name (compiled outside
 * the lock, fenced by {@link RuleFence}, replacing the earlier version or deploying it again if the new one cannot
 * run), undeploys it, lists the names, and limits the events its statements route by {@code insert into} in one
 * locked call ({@link RouteBudget}), raising the {@code rule-loop} technical alert when a file hits the limit.
 *
 * <p>Deployment changes run under the engine lock (taken here); {@link #endCall} and {@link #ruleLoopStopped} are
 * called under it, as a locked call ends.
 */
public final class IntegratorRules {
    // The engine's logger, as before these methods moved out of it: operators' logging configuration names it.
    private static final Logger log = LoggerFactory.getLogger("com.nexussaude.monitor.internal.ingest.Engine");

    private final EPRuntime runtime;
    private final Configuration esperConfig;
    private final Lock engineLock;
    private final AlertBook book;
    /** The monitor clock's stamp for records and transitions. */
    private final LongSupplier clockMillis;
    /** Called after every deployment change (the engine recomputes which event types a statement reads). */
    private final Runnable readersChanged;
    private final Map<String, String> ruleDeployments = new LinkedHashMap<>();
    /** The compiled form of each integrator rule file running, to deploy it again if its replacement fails. */
    private final Map<String, EPCompiled> ruleCompiled = new HashMap<>();
    /** Integrator rule file name by deployment id, for the insert-into limit (RouteBudget). Under the lock. */
    private final Map<String, String> ruleFileByDeployment = new java.util.HashMap<>();
    /** Stops an integrator insert-into loop within one locked call. */
    private final RouteBudget routeBudget;
    private final java.util.Set<String> loopsLogged = new java.util.HashSet<>();

    /** Installs the insert-into limit on the runtime; on the building thread, once the runtime exists. */
    public IntegratorRules(EPRuntime runtime, Configuration esperConfig, Lock engineLock, AlertBook book,
                           LongSupplier clockMillis, Runnable readersChanged) {
        this.runtime = runtime;
        this.esperConfig = esperConfig;
        this.engineLock = engineLock;
        this.book = book;
        this.clockMillis = clockMillis;
        this.readersChanged = readersChanged;
        this.routeBudget = new RouteBudget(RouteBudget.DEFAULT_LIMIT, ruleFileByDeployment::get);
        ((com.espertech.esper.runtime.internal.kernel.service.EPRuntimeSPI) runtime).getServicesContext()
                .getInternalEventRouter().setInsertIntoListener(routeBudget);
    }

    /** Compiles (outside the lock) and deploys a rule file under a name, replacing any earlier one. */
    public void deployRules(String name, String source, String epl) {
        List<RuleCompilationException.Problem> fenced = RuleFence.check(source, epl);
        if (!fenced.isEmpty()) {
            throw new RuleCompilationException(source, fenced, null);
        }
        EPCompiled compiled = EsperSetup.compile(source, epl, esperConfig, path -> path.add(runtime.getRuntimePath()));
        engineLock.lock();
        try {
            String previous = ruleDeployments.get(name);
            EPCompiled previousCompiled = ruleCompiled.get(name);
            if (previous != null) {
                // The earlier version goes first: the new one may declare the same tables, windows and types.
                undeploy(previous, name);
                ruleDeployments.remove(name);
            }
            RuleCompilationException failed = deployCompiled(name, source, compiled);
            if (failed == null) {
                ruleCompiled.put(name, compiled);
            } else {
                // A file that compiled but cannot run must not take the running rules with it: the earlier
                // version is deployed again (its windows and tables start empty) and the error says so.
                ruleCompiled.remove(name);
                if (previousCompiled != null) {
                    RuleCompilationException again = deployCompiled(name, source + " (earlier version)", previousCompiled);
                    List<RuleCompilationException.Problem> problems = new ArrayList<>(failed.problems());
                    if (again == null) {
                        ruleCompiled.put(name, previousCompiled);
                        problems.add(new RuleCompilationException.Problem(source, 0, "the earlier rules of '" + name
                                + "' were deployed again and keep running (their windows and tables start empty)"));
                    } else {
                        log.error("rule file {}: the earlier rules of '{}' could not be deployed again: {}", source, name,
                                again.getMessage());
                        problems.add(new RuleCompilationException.Problem(source, 0, "the earlier rules of '" + name
                                + "' could not be deployed again and are not running: " + again.getMessage()));
                    }
                    failed = new RuleCompilationException(source, problems, failed.getCause());
                }
                throw failed;
            }
        } finally {
            engineLock.unlock();
        }
        log.info("deployed rule file {} as '{}'", source, name);
    }

    /** Deploys compiled rules under {@code name}; returns null, or why they were not deployed (nothing is left of them). */
    private RuleCompilationException deployCompiled(String name, String source, EPCompiled compiled) {
        EPDeployment d;
        try {
            d = runtime.getDeploymentService().deploy(compiled);
        } catch (EPDeployException e) {
            return new RuleCompilationException(source, List.of(new RuleCompilationException.Problem(source, 0,
                    "deploy failed: " + e.getMessage())), e);
        }
        ruleDeployments.put(name, d.getDeploymentId());
        ruleFileByDeployment.put(d.getDeploymentId(), name);
        java.util.Set<String> headline;
        try {
            headline = HeadlineRules.tagged(d.getStatements());
        } catch (IllegalArgumentException bad) {
            ruleDeployments.remove(name);
            undeploy(d.getDeploymentId(), name);
            return new RuleCompilationException(source, List.of(new RuleCompilationException.Problem(source, 0,
                    bad.getMessage())), null);
        }
        book.headlineRules().deployed(d.getDeploymentId(), headline);
        readersChanged.run();
        return null;
    }

    public boolean undeployRules(String name) {
        engineLock.lock();
        try {
            String id = ruleDeployments.remove(name);
            ruleCompiled.remove(name);
            if (id == null) {
                return false;
            }
            undeploy(id, name);
            return true;
        } finally {
            engineLock.unlock();
        }
    }

    private void undeploy(String deploymentId, String name) {
        ruleFileByDeployment.remove(deploymentId);
        book.headlineRules().undeployed(deploymentId);
        try {
            runtime.getDeploymentService().undeploy(deploymentId);
        } catch (EPUndeployException e) {
            throw new NexusMonitorException("cannot undeploy rules '" + name + "': " + e.getMessage(), e);
        } finally {
            readersChanged.run();
        }
    }

    public List<String> ruleNames() {
        engineLock.lock();
        try {
            return List.copyOf(ruleDeployments.keySet());
        } finally {
            engineLock.unlock();
        }
    }

    /** As a locked call ends, under the lock: the insert-into loop it stopped, if any ({@link RouteBudget#endCall}). */
    public RouteBudget.Overflow endCall() {
        return routeBudget.endCall();
    }

    /**
     * An integrator rule file routed more insert-into events in one call than the limit: the rest were not
     * routed (the loop stopped there), and a technical alert says which file and statement, on the patient
     * of the event it was routing. Under the lock.
     */
    public void ruleLoopStopped(RouteBudget.Overflow loop) {
        // The monitor clock, as every other record: a restored monitor stamped a loop before its first time 1970.
        long now = clockMillis.getAsLong();
        String pid = loop.patientId() != null ? loop.patientId() : "monitor";
        String message = "rule file '" + loop.ruleFile() + "' routed more than " + loop.limit()
                + " events by insert into in one call (statement '" + loop.statement()
                + "'; an insert-into loop?); the events past the limit were not routed";
        if (loopsLogged.add(loop.ruleFile())) {
            log.error("{}; patient {} (logged once per rule file; the rule-loop technical alert stays open while it recurs)",
                    message, pid);
        }
        book.signal(new AlertBook.Signal(pid, "rule-loop", loop.ruleFile(), Severity.HIGH, Category.TECHNICAL, message,
                Map.of("limit", (long) loop.limit(), "statement", String.valueOf(loop.statement())), 3_600_000L), now);
    }
}
