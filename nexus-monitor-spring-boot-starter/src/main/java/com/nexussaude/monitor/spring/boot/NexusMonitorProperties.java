package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.UnknownPatientPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The monitor's settings under {@code nexus.monitor} in {@code application.yml}. A property this class
 * does not know is an error at startup naming it (never silently ignored), and so is a value the
 * monitor would refuse (an unknown pack, bands that do not nest, a recipient on a channel nobody
 * registered).
 *
 * <pre>
 * nexus:
 *   monitor:
 *     packs: [threshold, technical, news2]
 *     rules: [classpath:rules/our-ward.epl]
 *     bands:
 *       spo2: {normal-low: 92, normal-high: 100, warning-low: 88, warning-high: 100, critical-low: 85, critical-high: 100}
 *     journal:
 *       file: /var/lib/nexus-monitor/journal.jsonl
 *     channels:            # the standard channels' settings (nexus-monitor-channels), as ChannelEnvironment names them
 *       WEBHOOK_URL: https://pager.example.org/hook
 *       WEBHOOK_SECRET: whsec_...
 *     paging:
 *       recipients:
 *         - {id: ward-7-nurse, channel: webhook, address: ward-7}
 * </pre>
 *
 * @since 0.4
 */
@ConfigurationProperties(prefix = "nexus.monitor", ignoreUnknownFields = false)
public class NexusMonitorProperties {
    /** Whether to create the monitor at all. */
    private boolean enabled = true;
    /** The monitor clock: {@code live} (wall time, the default for a running application) or {@code event-time}. */
    private ClockKind clock = ClockKind.LIVE;
    /** The bundled packs to deploy; unset: all of them (MonitorConfig.defaults()). */
    private List<String> packs;
    /** Rule files of your own, as Spring resource locations ({@code classpath:…}, {@code file:…}). */
    private List<String> rules = new ArrayList<>();
    /** Alarm bands per vital ({@code spo2}, {@code heart-rate} …), replacing the defaults. */
    private Map<String, BandsProperties> bands = new LinkedHashMap<>();
    /** Alarm bands per ward, then per vital. */
    private Map<String, Map<String, BandsProperties>> wardBands = new LinkedHashMap<>();
    /** Pack tuning variables ({@code trend_hr_rise_per_hour: 15.0}); names and defaults in each pack's EPL. */
    private Map<String, String> packSettings = new LinkedHashMap<>();
    /** How long an acknowledgement holds before the alert needs a person again; unset: the default (30 min). */
    private Duration ackTimeout;
    /** What to do with observations of patients nobody registered. */
    private UnknownPatientPolicy unknownPatients = UnknownPatientPolicy.WARN;
    /** The alert journal; without a file nothing survives a restart. */
    private final Journal journal = new Journal();
    /** The standard channels' settings by their ChannelEnvironment names (needs nexus-monitor-channels). */
    private Map<String, String> channels = new LinkedHashMap<>();
    /** Whom to page, through the channels above and the NotificationChannel beans. */
    private final Paging paging = new Paging();

    /** The clocks a monitor can run on. */
    public enum ClockKind {
        /** Wall time; timers fire in the background. */
        LIVE,
        /** The observations' own timestamps (replays, tests). */
        EVENT_TIME
    }

    /**
     * Whether to create the monitor bean ({@code nexus.monitor.enabled}); default {@code true}.
     *
     * @return {@code false} when the host turned the auto-configuration's monitor off
     */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether to create the monitor */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the clock kind */
    public ClockKind getClock() {
        return clock;
    }

    /** @param clock the clock kind */
    public void setClock(ClockKind clock) {
        this.clock = clock;
    }

    /** @return the packs, or null for all */
    public List<String> getPacks() {
        return packs;
    }

    /** @param packs the bundled packs to deploy */
    public void setPacks(List<String> packs) {
        this.packs = packs;
    }

    /** @return the rule file locations */
    public List<String> getRules() {
        return rules;
    }

    /** @param rules rule file locations */
    public void setRules(List<String> rules) {
        this.rules = rules;
    }

    /** @return the bands by vital */
    public Map<String, BandsProperties> getBands() {
        return bands;
    }

    /** @param bands the bands by vital */
    public void setBands(Map<String, BandsProperties> bands) {
        this.bands = bands;
    }

    /** @return the bands by ward and vital */
    public Map<String, Map<String, BandsProperties>> getWardBands() {
        return wardBands;
    }

    /** @param wardBands the bands by ward and vital */
    public void setWardBands(Map<String, Map<String, BandsProperties>> wardBands) {
        this.wardBands = wardBands;
    }

    /** @return the pack settings */
    public Map<String, String> getPackSettings() {
        return packSettings;
    }

    /** @param packSettings the pack settings */
    public void setPackSettings(Map<String, String> packSettings) {
        this.packSettings = packSettings;
    }

    /** @return the acknowledgement timeout, or null for the default */
    public Duration getAckTimeout() {
        return ackTimeout;
    }

    /** @param ackTimeout the acknowledgement timeout */
    public void setAckTimeout(Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
    }

    /** @return the unknown patient policy */
    public UnknownPatientPolicy getUnknownPatients() {
        return unknownPatients;
    }

    /** @param unknownPatients the unknown patient policy */
    public void setUnknownPatients(UnknownPatientPolicy unknownPatients) {
        this.unknownPatients = unknownPatients;
    }

    /** @return the journal settings */
    public Journal getJournal() {
        return journal;
    }

    /** @return the channel settings */
    public Map<String, String> getChannels() {
        return channels;
    }

    /** @param channels the channel settings */
    public void setChannels(Map<String, String> channels) {
        this.channels = channels;
    }

    /** @return the paging settings */
    public Paging getPaging() {
        return paging;
    }

    /** The six band limits of one vital; all are required. */
    public static class BandsProperties {
        private Double normalLow;
        private Double normalHigh;
        private Double warningLow;
        private Double warningHigh;
        private Double criticalLow;
        private Double criticalHigh;

        /** @return the lower normal limit */
        public Double getNormalLow() {
            return normalLow;
        }

        /** @param v the lower normal limit */
        public void setNormalLow(Double v) {
            this.normalLow = v;
        }

        /** @return the upper normal limit */
        public Double getNormalHigh() {
            return normalHigh;
        }

        /** @param v the upper normal limit */
        public void setNormalHigh(Double v) {
            this.normalHigh = v;
        }

        /** @return the lower warning limit */
        public Double getWarningLow() {
            return warningLow;
        }

        /** @param v the lower warning limit */
        public void setWarningLow(Double v) {
            this.warningLow = v;
        }

        /** @return the upper warning limit */
        public Double getWarningHigh() {
            return warningHigh;
        }

        /** @param v the upper warning limit */
        public void setWarningHigh(Double v) {
            this.warningHigh = v;
        }

        /** @return the lower critical limit */
        public Double getCriticalLow() {
            return criticalLow;
        }

        /** @param v the lower critical limit */
        public void setCriticalLow(Double v) {
            this.criticalLow = v;
        }

        /** @return the upper critical limit */
        public Double getCriticalHigh() {
            return criticalHigh;
        }

        /** @param v the upper critical limit */
        public void setCriticalHigh(Double v) {
            this.criticalHigh = v;
        }
    }

    /** The journal settings. */
    public static class Journal {
        /** The journal file (JSON Lines, created if absent); unset: no journal. */
        private Path file;

        /** @return the journal file, or null */
        public Path getFile() {
            return file;
        }

        /** @param file the journal file */
        public void setFile(Path file) {
            this.file = file;
        }
    }

    /** The paging settings: fixed recipients, or an escalation policy. */
    public static class Paging {
        /** Paged for every incident (or use escalation). */
        private List<Contact> recipients = new ArrayList<>();
        private final Escalation escalation = new Escalation();

        /** @return the fixed recipients */
        public List<Contact> getRecipients() {
            return recipients;
        }

        /** @param recipients the fixed recipients */
        public void setRecipients(List<Contact> recipients) {
            this.recipients = recipients;
        }

        /** @return the escalation settings */
        public Escalation getEscalation() {
            return escalation;
        }
    }

    /** Escalation through a policy, with targets resolved by a RecipientResolver bean or the roster here. */
    public static class Escalation {
        /** {@code default} (the bundled five-level chain) or the location of an EscalationChain JSON; unset: no escalation. */
        private String policy;
        /** Roles of the roster (bedside-nurse, charge-nurse …), used when there is no RecipientResolver bean. */
        private List<Contact> roles = new ArrayList<>();
        /** People of the roster. */
        private List<Contact> people = new ArrayList<>();

        /** @return the policy, or null */
        public String getPolicy() {
            return policy;
        }

        /** @param policy the policy */
        public void setPolicy(String policy) {
            this.policy = policy;
        }

        /** @return the roster's roles */
        public List<Contact> getRoles() {
            return roles;
        }

        /** @param roles the roster's roles */
        public void setRoles(List<Contact> roles) {
            this.roles = roles;
        }

        /** @return the roster's people */
        public List<Contact> getPeople() {
            return people;
        }

        /** @param people the roster's people */
        public void setPeople(List<Contact> people) {
            this.people = people;
        }
    }

    /** A recipient, role or person: an id, a display name, and one contact point. */
    public static class Contact {
        private String id;
        private String name;
        private String channel;
        private String address;

        /** @return the id */
        public String getId() {
            return id;
        }

        /** @param id the id */
        public void setId(String id) {
            this.id = id;
        }

        /** @return the display name (roles and people; defaults to the id) */
        public String getName() {
            return name;
        }

        /** @param name the display name */
        public void setName(String name) {
            this.name = name;
        }

        /** @return the channel name */
        public String getChannel() {
            return channel;
        }

        /** @param channel the channel name */
        public void setChannel(String channel) {
            this.channel = channel;
        }

        /** @return the address on that channel */
        public String getAddress() {
            return address;
        }

        /** @param address the address on that channel */
        public void setAddress(String address) {
            this.address = address;
        }
    }
}
