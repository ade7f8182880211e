package com.nexussaude.monitor.internal.lifecycle;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.InvalidSignals;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the rules' output enters the lifecycle: the listener of the {@code AlertSignal} and {@code AlertClear}
 * statements (the packs' and every rule file's), attached at deploy time, so that a signal goes from Esper into
 * the {@link AlertBook} directly. It checks each against the alert contract; one that breaks it is dropped and
 * counted, never raised. Runs on the thread that sent Esper the event, under the engine lock.
 */
public final class RuleOutput {
    private static final Logger log = LoggerFactory.getLogger(RuleOutput.class);
    /** The statements whose output is the rules' signals and clears. */
    private static final String SIGNALS_STATEMENT = "nexus-alert-signals";
    private static final String CLEARS_STATEMENT = "nexus-alert-clears";

    private final AlertBook book;
    private final long defaultTtlMs;
    /** The monitor clock's stamp, the time of every signal and clear. */
    private final LongSupplier now;
    private final AtomicLong signals = new AtomicLong();
    private final AtomicLong invalidSignals = new AtomicLong();
    /** Dropped signals per rule, in the order rules first broke the contract; the first reason kept. */
    private final Map<String, InvalidSignalCount> invalidSignalsByRule = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The AlertSignal fields this reads, in {@link #SIGNAL_FIELDS}' order; by position once the statement is attached. */
    private RowReader signalReader = new RowReader(null, SIGNAL_FIELDS);
    private RowReader clearReader = new RowReader(null, CLEAR_FIELDS);

    private static final String[] SIGNAL_FIELDS = {"ruleId", "patientId", "message", "severity", "category", "evidence",
        "ttlMs", "key"};
    private static final int S_RULE = 0, S_PATIENT = 1, S_MESSAGE = 2, S_SEVERITY = 3, S_CATEGORY = 4, S_EVIDENCE = 5,
            S_TTL = 6, S_KEY = 7;
    private static final String[] CLEAR_FIELDS = {"patientId", "ruleId", "key"};
    private static final int C_PATIENT = 0, C_RULE = 1, C_KEY = 2;

    public RuleOutput(AlertBook book, long defaultTtlMs, LongSupplier now) {
        this.book = book;
        this.defaultTtlMs = defaultTtlMs;
        this.now = now;
    }

    /** Listens to a deployed statement if it is one of the rules' outputs; whether it was. */
    public boolean attach(EPStatement s) {
        if (s.getName().equals(SIGNALS_STATEMENT)) {
            signalReader = new RowReader(s.getEventType(), SIGNAL_FIELDS);
            s.addListener((newEvents, oldEvents, st, rt) -> {
                for (EventBean e : newEvents) {
                    signal(e);
                }
            });
            return true;
        }
        if (s.getName().equals(CLEARS_STATEMENT)) {
            clearReader = new RowReader(s.getEventType(), CLEAR_FIELDS);
            s.addListener((newEvents, oldEvents, st, rt) -> {
                for (EventBean e : newEvents) {
                    clear(e);
                }
            });
            return true;
        }
        return false;
    }

    void signal(EventBean e) {
        signals.incrementAndGet();
        RowReader r = signalReader;
        Object[] row = r.rowOf(e);
        Object rule = r.get(e, row, S_RULE);
        String ruleId = (String) rule;
        try {
            String pid = require("patientId", r.get(e, row, S_PATIENT));
            require("ruleId", rule); // read once above: its first use is naming a dropped signal's rule
            String message = require("message", r.get(e, row, S_MESSAGE));
            Severity severity = severityOf((String) r.get(e, row, S_SEVERITY));
            Category category = categoryOf((String) r.get(e, row, S_CATEGORY));
            Object ev = r.get(e, row, S_EVIDENCE);
            @SuppressWarnings("unchecked")
            Map<String, Object> evidence = ev instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Long ttl = (Long) r.get(e, row, S_TTL);
            long ttlMs = ttl == null || ttl <= 0 ? defaultTtlMs : ttl;
            book.signal(new AlertBook.Signal(pid, ruleId, (String) r.get(e, row, S_KEY), severity, category, message,
                    evidence, ttlMs), now.getAsLong());
        } catch (IllegalArgumentException bad) {
            dropInvalidSignal(ruleId, "AlertSignal", bad.getMessage());
        }
    }

    void clear(EventBean e) {
        RowReader r = clearReader;
        Object[] row = r.rowOf(e);
        String pid = (String) r.get(e, row, C_PATIENT);
        String ruleId = (String) r.get(e, row, C_RULE);
        if (pid == null || ruleId == null) {
            dropInvalidSignal(ruleId, "AlertClear", "AlertClear." + (pid == null ? "patientId" : "ruleId")
                    + " is required, but was null");
            return;
        }
        book.clear(pid, ruleId, (String) r.get(e, row, C_KEY), now.getAsLong());
    }

    /** Whether both statements' rows are read by position (the schema's object-array types), not by property name. */
    boolean readsRowsByPosition() {
        return signalReader.readsByPosition() && clearReader.readsByPosition();
    }

    /** Signals the rules inserted, valid or not. */
    public long signals() {
        return signals.get();
    }

    /** Signals and clears dropped for breaking the alert contract. */
    public long invalidSignalCount() {
        return invalidSignals.get();
    }

    /** The dropped signals per rule, in the order rules first broke the contract. */
    public List<InvalidSignals> invalidSignals() {
        synchronized (invalidSignalsByRule) {
            List<InvalidSignals> out = new ArrayList<>(invalidSignalsByRule.size());
            invalidSignalsByRule.forEach((rule, c) -> out.add(new InvalidSignals(rule, c.count, c.firstReason)));
            return out;
        }
    }

    /**
     * Counts a signal that breaks the alert contract. A broken rule usually breaks it for every reading,
     * so only its first drop is logged: a log line per reading would bury everything else.
     */
    private void dropInvalidSignal(String ruleId, String stream, String reason) {
        invalidSignals.incrementAndGet();
        String rule = ruleId == null || ruleId.isBlank() ? "?" : ruleId;
        boolean[] first = {false};
        invalidSignalsByRule.compute(rule, (k, c) -> {
            if (c == null) {
                first[0] = true;
                return new InvalidSignalCount(reason);
            }
            c.count++;
            return c;
        });
        if (first[0]) {
            log.error("rule '{}' inserted an {} that breaks the alert contract and was dropped: {} (logged once per"
                    + " rule; later ones are counted in VitalMonitor.invalidSignals())", rule, stream, reason);
        }
    }

    /** A rule's dropped signals: guarded by the map's lock. */
    private static final class InvalidSignalCount {
        final String firstReason;
        long count = 1;

        InvalidSignalCount(String firstReason) {
            this.firstReason = firstReason;
        }
    }

    /**
     * The wire name as the packs write it, without {@link Severity#fromWireName}'s scan of the values with a trim
     * and a case-insensitive compare for each (this runs for every signal); anything else goes to it, which
     * accepts the same names in any case and with spaces, or names what is wrong.
     */
    static Severity severityOf(String wire) {
        if (wire != null) {
            switch (wire) {
                case "critical": return Severity.CRITICAL;
                case "high": return Severity.HIGH;
                case "medium": return Severity.MEDIUM;
                case "low": return Severity.LOW;
                default: break;
            }
        }
        return Severity.fromWireName(wire);
    }

    /** As {@link #severityOf}, for the category. */
    static Category categoryOf(String wire) {
        if ("physiological".equals(wire)) {
            return Category.PHYSIOLOGICAL;
        }
        if ("technical".equals(wire)) {
            return Category.TECHNICAL;
        }
        return Category.fromWireName(wire);
    }

    private static String require(String field, Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("AlertSignal." + field + " is required, but was " + v);
        }
        return s;
    }
}
