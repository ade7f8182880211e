package com.nexussaude.monitor.server;

import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.kafka.AlertView;
import com.nexussaude.monitor.kafka.KafkaMonitorNode;
import com.nexussaude.monitor.kafka.KafkaTopics;
import com.nexussaude.monitor.kafka.MonitorSetup;
import com.nexussaude.monitor.kafka.ObservationPublisher;
import com.nexussaude.monitor.kafka.ObservationRecords;
import com.nexussaude.monitor.kafka.PageDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service in Kafka mode (docs/kafka.md, "The service in Kafka mode"): observations go to the group's
 * observations topic, alerts and incidents are read from its output topics by an {@link AlertView}, whose events are
 * pushed to this instance's live clients; with {@code KAFKA_ROLE=monitor} the instance also runs a
 * {@link KafkaMonitorNode} of the group on a thread of its own, and, when a channel is configured, a
 * {@link PageDelivery} of the group on another: the group's monitor instances together send the pages topic's pages to
 * people, through the channels and to the contacts the standalone service would page.
 */
final class KafkaMode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaMode.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    private static final int DELIVERY_TRANSACTION_TIMEOUT_MS = 15_000;

    final KafkaSettings settings;
    final KafkaTopics topics;
    final ObservationPublisher publisher;
    final AlertView view;
    private final KafkaMonitorNode node;
    private final Thread nodeThread;
    private final Clock wall;
    private final Admin admin;
    private volatile Throwable nodeFailure;
    /** Null on an instance that does not deliver (role api, or no channel configured). */
    private final PageDelivery delivery;
    private final Thread deliveryThread;
    private volatile Throwable deliveryFailure;
    /** The topics' partition count, checked at start-up. */
    private int partitions;

    private KafkaMode(KafkaSettings settings, MonitorSetup setup, PagingSetup.Built paging, Clock wall, EventHub hub) {
        this.settings = settings;
        this.wall = wall;
        this.topics = KafkaTopics.withPrefix(settings.topicPrefix());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
        ObservationPublisher p = null;
        AlertView v = null;
        boolean delivers = settings.runsMonitors() && !paging.senders().isEmpty();
        try {
            checkTopics(delivers);
            p = new ObservationPublisher(settings.bootstrapServers(), topics, settings.publishTimeout());
            LiveEvents live = new LiveEvents(hub);
            v = new AlertView(settings.bootstrapServers(), topics, live);
            live.view = v;
        } catch (RuntimeException e) {
            if (p != null) {
                p.close();
            }
            admin.close(Duration.ZERO);
            throw e;
        }
        this.publisher = p;
        this.view = v;
        if (settings.runsMonitors()) {
            node = KafkaMonitorNode.builder(settings.bootstrapServers(), settings.groupId(), topics, setup)
                    .clientId("nexus-server-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(hashCode()))
                    .tickInterval(settings.tickInterval())
                    .wallClock(wall)
                    .consumerProperty("session.timeout.ms", (int) settings.sessionTimeout().toMillis())
                    .consumerProperty("heartbeat.interval.ms", (int) Math.max(500, settings.sessionTimeout().toMillis() / 10))
                    .build();
            nodeThread = new Thread(this::runNode, "nexus-kafka-node");
            nodeThread.setDaemon(true);
            nodeThread.start();
        } else {
            node = null;
            nodeThread = null;
        }
        if (delivers) {
            PageDelivery.Builder b = PageDelivery.builder(settings.bootstrapServers(), deliveryGroup(settings),
                            topics, paging.recipients())
                    .clientId("nexus-server-delivery-" + ProcessHandle.current().pid() + "-"
                            + Integer.toHexString(hashCode()))
                    // The transactional id is per process: an instance that dies with a transaction open holds up
                    // readers of the deliveries topic until the broker aborts it, so that is kept short (an outcome's
                    // transaction is a few sends and a commit).
                    .producerProperty("transaction.timeout.ms", DELIVERY_TRANSACTION_TIMEOUT_MS)
                    .wallClock(wall)
                    .consumerProperty("session.timeout.ms", (int) settings.sessionTimeout().toMillis())
                    .consumerProperty("heartbeat.interval.ms", (int) Math.max(500, settings.sessionTimeout().toMillis() / 10));
            paging.senders().forEach(b::channel);
            delivery = b.build();
            deliveryThread = new Thread(this::runDelivery, "nexus-page-delivery");
            deliveryThread.setDaemon(true);
            deliveryThread.start();
        } else {
            delivery = null;
            deliveryThread = null;
        }
    }

    /** The consumer group of the instances' page deliveries: the monitors' group id with {@code -delivery}. */
    static String deliveryGroup(KafkaSettings settings) {
        return settings.groupId() + "-delivery";
    }

    /**
     * Connects to the brokers and starts the view (and the node with {@code KAFKA_ROLE=monitor}).
     *
     * @throws IllegalStateException naming the topics when they do not exist or the brokers cannot be reached
     */
    static KafkaMode start(KafkaSettings settings, MonitorSetup setup, PagingSetup.Built paging, Clock wall,
                           EventHub hub) {
        KafkaMode k = new KafkaMode(settings, setup, paging, wall, hub);
        log.info("{}", settings.describe());
        if (paging.senders().isEmpty()) {
            log.warn("Kafka mode: no channel is configured: nobody is paged (set SMTP_HOST, TWILIO_ACCOUNT_SID,"
                    + " WHATSAPP_TOKEN, FCM_SERVICE_ACCOUNT_FILE, SLACK_WEBHOOK_URL, TEAMS_WEBHOOK_URL or WEBHOOK_URL on"
                    + " the group's monitor instances); alerts reach people through the API, the WebSocket and SSE only");
        } else if (k.delivery != null) {
            log.info("Kafka mode: this instance delivers pages of {} through {} (consumer group {}), outcomes to {}",
                    k.topics.pages(), paging.channels(), deliveryGroup(settings), PageDelivery.deliveriesTopic(k.topics));
        } else {
            log.info("Kafka mode: role api: the group's monitor instances (KAFKA_ROLE=monitor) deliver the pages of {};"
                    + " this instance sends none", k.topics.pages());
        }
        return k;
    }

    /**
     * The monitor setup every instance of the group must share (docs/kafka.md, Failover: the same code and setup
     * everywhere): the service's bands and the default rule packs, and its paging policy (escalation over the roster,
     * or the on-call recipients) on the configured channel names, whose pages the node writes to the pages topic.
     */
    static MonitorSetup setup(ServerConfig config, PagingSetup.Built paging) {
        return new MonitorSetup() {
            @Override
            public VitalMonitor.Builder monitor() {
                MonitorConfig.Builder mc = MonitorConfig.builder();
                config.bands().forEach(mc::bands);
                return VitalMonitor.builder().config(mc.build());
            }

            @Override
            public Paging.Builder paging() {
                if (paging.paging() == null) {
                    return null;
                }
                Paging.Builder b = Paging.builder();
                paging.policy().accept(b);
                return b;
            }

            @Override
            public Set<String> pageChannels() {
                return new LinkedHashSet<>(paging.channels());
            }
        };
    }

    private void checkTopics(boolean delivers) {
        Map<String, TopicDescription> found;
        List<String> names = new ArrayList<>(topics.all());
        if (delivers) {
            // Checked here, so a missing deliveries topic stops start-up rather than the delivery thread alone.
            names.add(PageDelivery.deliveriesTopic(topics));
        }
        try {
            found = admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Kafka mode: cannot describe the topics " + names + " on "
                    + settings.bootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC_PREFIX)"
                    + (delivers ? "; the deliveries topic is needed because this monitor instance delivers pages (a"
                    + " channel is configured); create it with the pages topic's partition count and"
                    + " cleanup.policy=compact" : "") + ": " + cause, e);
        }
        Set<Integer> counts = new java.util.HashSet<>();
        found.values().forEach(d -> counts.add(d.partitions().size()));
        if (counts.size() == 1) {
            partitions = counts.iterator().next();
        }
        if (counts.size() != 1) {
            Map<String, Integer> byTopic = new TreeMap<>();
            found.forEach((t, d) -> byTopic.put(t, d.partitions().size()));
            throw new IllegalStateException("Kafka mode: the topics must have the same number of partitions, but have "
                    + byTopic);
        }
    }

    private void runNode() {
        try {
            node.run();
        } catch (Throwable e) {
            // Fail-stop, as the node is designed: its partitions move to the group's other instances. Health says so.
            nodeFailure = e;
            log.error("Kafka mode: this instance's monitors stopped; its partitions move to the group's other instances", e);
        }
    }

    private void runDelivery() {
        try {
            delivery.run();
        } catch (Throwable e) {
            // The pages partitions move to the group's other delivering instances; health says this one stopped.
            deliveryFailure = e;
            log.error("Kafka mode: this instance's page delivery stopped; the pages of {} move to the group's other"
                    + " monitor instances", topics.pages(), e);
        }
    }

    /** The wall clock's now: the time of an observation sent without a timestamp. */
    Instant now() {
        return wall.instant();
    }

    /** Writes the observations and returns once the brokers have them all. */
    void publish(List<Observation> observations) {
        publisher.publish(observations);
    }

    /**
     * Writes a person's acknowledgement of an incident into the patient's partition, then waits (up to the publish
     * timeout) until the view shows none of the incident's alerts open or flapping.
     *
     * <p>The record is stamped with the incident's latest event time, an event time of that partition, not with the
     * wall clock: the partition's monitor applies it at its own clock (where the record falls among the patient's
     * readings) and never moves that clock for it. Stamped with a wall clock ahead of a lagging feed, it would fire
     * every timer up to then at once and make the ward's delayed readings late.
     *
     * @param at the incident's latest event time; the wall clock when unknown
     * @return whether the view shows it processed within the timeout
     */
    boolean acknowledgeIncident(String patientId, String incidentId, String actor, String reason, Instant at)
            throws InterruptedException {
        publisher.write(ObservationRecords.acknowledgeIncident(topics.observations(), patientId, incidentId, actor,
                reason, at == null ? now() : at));
        long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
        while (true) {
            long seen = view.version();
            if (openAlertsOf(incidentId).isEmpty()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            view.awaitChange(seen, Duration.ofNanos(left));
        }
    }

    /**
     * Writes a person's action (a record of the observations topic) and waits, up to the publish timeout, until the
     * view shows {@code done}.
     *
     * @return whether the view showed it within the timeout
     */
    boolean writeAndAwait(org.apache.kafka.clients.producer.ProducerRecord<String, String> record,
                          java.util.function.BooleanSupplier done) throws InterruptedException {
        publisher.write(record);
        long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
        while (true) {
            long seen = view.version();
            if (done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            view.awaitChange(seen, Duration.ofNanos(left));
        }
    }

    /** The partition of a patient's records (the producer's default partitioner). */
    int partitionOf(String patientId) {
        return ObservationRecords.partitionOf(patientId, partitions);
    }

    /**
     * The time to stamp a person's action in {@code partition} with: the latest event time the view has seen of that
     * partition (its monitor's clock is at least there), so the action never moves the partition's clock (see
     * {@link #acknowledgeIncident}); the wall clock when the view has seen nothing of it.
     */
    Instant actionTime(int partition) {
        String prefix = "p" + partition + "-";
        Instant latest = null;
        for (Map<String, Object> e : view.all()) {
            latest = later(latest, e, String.valueOf(e.get("alert_id")).startsWith(prefix));
        }
        for (Map<String, Object> e : view.incidents()) {
            latest = later(latest, e, String.valueOf(e.get("incident_id")).startsWith(prefix));
        }
        return latest == null ? now() : latest;
    }

    private static Instant later(Instant latest, Map<String, Object> event, boolean ofPartition) {
        if (!ofPartition || event.get("at") == null) {
            return latest;
        }
        Instant at = Instant.parse(event.get("at").toString());
        return latest == null || at.isAfter(latest) ? at : latest;
    }

    /** The ids of the incident's alerts the view shows open or flapping. */
    List<String> openAlertsOf(String incidentId) {
        List<String> open = new ArrayList<>();
        Map<String, Object> incident = view.incident(incidentId);
        if (incident == null || !(incident.get("alert_ids") instanceof List<?> ids)) {
            return open;
        }
        for (Object id : ids) {
            Map<String, Object> a = view.alert(String.valueOf(id));
            if (a != null && ("open".equals(a.get("state")) || "flapping".equals(a.get("state")))) {
                open.add(String.valueOf(id));
            }
        }
        return open;
    }

    /**
     * What health and the system panel say of this mode: brokers reachable, the partitions this instance's monitors
     * own, whether the view reads.
     */
    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "kafka");
        m.put("bootstrap_servers", settings.bootstrapServers());
        m.put("topic_prefix", settings.topicPrefix());
        m.put("group_id", settings.groupId());
        m.put("role", settings.runsMonitors() ? "monitor" : "api");
        boolean reachable;
        String brokersDetail;
        try {
            int n = admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            reachable = n > 0;
            brokersDetail = n + " broker(s) answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
            brokersDetail = "interrupted while asking the brokers";
        } catch (Exception e) {
            reachable = false;
            brokersDetail = "the brokers do not answer: " + (e.getCause() == null ? e : e.getCause());
        }
        m.put("brokers_reachable", reachable);
        m.put("brokers", brokersDetail);
        String viewProblem = null;
        try {
            view.readOffsets();
        } catch (IllegalStateException e) {
            viewProblem = e.getMessage();
        }
        m.put("view_reading", viewProblem == null);
        if (viewProblem != null) {
            m.put("view_problem", viewProblem);
        }
        if (node != null) {
            Map<Integer, KafkaMonitorNode.Stats.Partition> owned = node.stats().partitions();
            List<Map<String, Object>> parts = new ArrayList<>();
            new TreeMap<>(owned).forEach((p, s) -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("partition", p);
                x.put("caught_up", s.caughtUp());
                x.put("next_offset", s.nextOffset());
                x.put("processed", s.processed());
                x.put("refused", s.refused());
                parts.add(x);
            });
            m.put("partitions_owned", parts);
            m.put("monitors_running", nodeFailure == null && nodeThread.isAlive());
            if (nodeFailure != null) {
                m.put("monitors_problem", "this instance's monitors stopped (" + nodeFailure.getMessage()
                        + "); its partitions move to the group's other instances");
            }
        }
        if (delivery != null) {
            PageDelivery.Stats st = delivery.stats();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("running", deliveryFailure == null && deliveryThread.isAlive());
            d.put("consumer_group", deliveryGroup(settings));
            d.put("pages_partitions_owned", new java.util.TreeSet<>(st.partitions()));
            d.put("sent", st.sent());
            d.put("failed_attempts", st.failedAttempts());
            d.put("dead_letters", st.deadLetters());
            d.put("skipped_already_delivered", st.skipped());
            if (deliveryFailure != null) {
                d.put("problem", "this instance's page delivery stopped (" + deliveryFailure.getMessage()
                        + "); the pages move to the group's other monitor instances");
            }
            m.put("delivery", d);
        }
        return m;
    }

    /** Whether this instance delivers the group's pages (role monitor with a channel configured). */
    boolean delivers() {
        return delivery != null;
    }

    /**
     * Whether this instance does what it is configured for: brokers answer, the view reads, the monitors and the
     * page delivery run.
     */
    static boolean healthy(Map<String, Object> status) {
        return Boolean.TRUE.equals(status.get("brokers_reachable")) && Boolean.TRUE.equals(status.get("view_reading"))
                && !Boolean.FALSE.equals(status.get("monitors_running"))
                && !(status.get("delivery") instanceof Map<?, ?> d && Boolean.FALSE.equals(d.get("running")));
    }

    @Override
    public void close() {
        try {
            // The delivery first: a page whose send is under way is left uncommitted, for the next owner.
            if (delivery != null) {
                delivery.close();
                try {
                    deliveryThread.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (node != null) {
                node.close();
                try {
                    nodeThread.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            try {
                view.close();
            } finally {
                publisher.close();
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Pushes each event the view applies to this instance's live clients, in the API's JSON shapes. */
    private static final class LiveEvents implements java.util.function.Consumer<Map<String, Object>> {
        private final EventHub hub;
        /** Set right after the view starts; the first events may come before (their incidents lack active ids). */
        volatile AlertView view;

        LiveEvents(EventHub hub) {
            this.hub = hub;
        }

        @Override
        public void accept(Map<String, Object> e) {
            String pid = e.get("patient_id") == null ? null : e.get("patient_id").toString();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", e.get("event"));
            m.put("timestamp", e.get("at"));
            if ("incident".equals(e.get("type"))) {
                m.put("incident", KafkaViews.incident(e, view));
                hub.publish("incidents", pid, "incident." + e.get("event"), m);
            } else {
                m.put("actor", e.get("actor"));
                m.put("reason", e.get("reason"));
                m.put("alert", KafkaViews.alert(e));
                hub.publish("alerts", pid, "alert." + e.get("event"), m);
            }
        }
    }
}
