package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.RecipientResolver;
import com.nexussaude.monitor.spring.boot.NexusMonitorProperties.BandsProperties;
import com.nexussaude.monitor.spring.boot.NexusMonitorProperties.Contact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the monitor from the properties. Every value the monitor refuses becomes an
 * {@link InvalidConfigurationPropertyValueException} naming the property, which Boot reports at
 * startup as "Invalid value … for configuration property nexus.monitor.…".
 */
final class MonitorFactory {
    static final String PREFIX = "nexus.monitor.";

    private final NexusMonitorProperties props;
    private final ResourceLoader resources;

    MonitorFactory(NexusMonitorProperties props, ResourceLoader resources) {
        this.props = props;
        this.resources = resources;
    }

    VitalMonitor build(List<NotificationChannel> channelBeans, RecipientResolver resolverBean,
                       List<VitalMonitorCustomizer> customizers) {
        VitalMonitor.Builder b = VitalMonitor.builder()
                .config(config())
                .clock(props.getClock() == NexusMonitorProperties.ClockKind.LIVE ? MonitorClock.live() : MonitorClock.eventTime())
                .unknownPatients(props.getUnknownPatients());
        Paging paging = paging(channelBeans, resolverBean, customizers);
        if (paging != null) {
            b.paging(paging);
        }
        // Read every rule file before anything is built, so a missing one fails fast and names itself.
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < props.getRules().size(); i++) {
            String location = props.getRules().get(i);
            rules.put(location, read(location, PREFIX + "rules[" + i + "]"));
        }
        customizers.forEach(c -> c.customize(b));
        AlertJournal journal = journal();
        if (journal != null) {
            for (VitalMonitorCustomizer c : customizers) {
                journal = c.journal(journal);
            }
            b.journal(journal);
        }
        VitalMonitor monitor = b.build();
        int i = 0;
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            try {
                monitor.loadRules(rule.getKey(), rule.getValue());
            } catch (RuntimeException e) {
                monitor.close();
                throw new InvalidConfigurationPropertyValueException(PREFIX + "rules[" + i + "]", rule.getKey(), e.getMessage());
            }
            i++;
        }
        customizers.forEach(c -> c.built(monitor));
        return monitor;
    }

    MonitorConfig config() {
        MonitorConfig.Builder c = MonitorConfig.builder();
        if (props.getPacks() != null) {
            for (String pack : props.getPacks()) {
                if (!MonitorConfig.BUNDLED_PACKS.contains(pack)) {
                    throw new InvalidConfigurationPropertyValueException(PREFIX + "packs", props.getPacks(),
                            "unknown pack '" + pack + "'; the bundled packs are " + MonitorConfig.BUNDLED_PACKS);
                }
            }
            c.packs(new LinkedHashSet<>(props.getPacks()));
        }
        props.getBands().forEach((name, bands) -> {
            String property = PREFIX + "bands." + name;
            Vital vital = vital(name, property);
            apply(property, bands, () -> c.bands(vital, bands(property, bands)));
        });
        props.getWardBands().forEach((ward, byVital) -> byVital.forEach((name, bands) -> {
            String property = PREFIX + "ward-bands." + ward + "." + name;
            Vital vital = vital(name, property);
            apply(property, bands, () -> c.wardBands(ward, vital, bands(property, bands)));
        }));
        props.getPackSettings().forEach((name, value) ->
                apply(PREFIX + "pack-settings." + name, value, () -> c.packSetting(name, number(value))));
        if (props.getAckTimeout() != null) {
            apply(PREFIX + "ack-timeout", props.getAckTimeout(), () -> c.ackTimeout(props.getAckTimeout()));
        }
        try {
            return c.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX.substring(0, PREFIX.length() - 1), "(the monitor's settings)",
                    e.getMessage());
        }
    }

    private static Object number(String value) {
        try {
            return value.contains(".") || value.contains("e") || value.contains("E") ? Double.valueOf(value) : Long.valueOf(value);
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    private AlertJournal journal() {
        if (props.getJournal().getFile() == null) {
            return null;
        }
        try {
            return FileJournal.open(props.getJournal().getFile());
        } catch (RuntimeException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "journal.file", props.getJournal().getFile(),
                    "cannot open the journal: " + e.getMessage());
        }
    }

    private Paging paging(List<NotificationChannel> channelBeans, RecipientResolver resolverBean,
                          List<VitalMonitorCustomizer> customizers) {
        NexusMonitorProperties.Paging p = props.getPaging();
        String policyLocation = p.getEscalation().getPolicy();
        if (p.getRecipients().isEmpty() && policyLocation == null) {
            return null;
        }
        Paging.Builder pb = Paging.builder();
        channelBeans.forEach(pb::channel);
        for (NotificationChannel configured : StandardChannels.fromProperties(props.getChannels())) {
            apply(PREFIX + "channels", configured.name(), () -> pb.channel(configured));
        }
        for (int i = 0; i < p.getRecipients().size(); i++) {
            Contact r = p.getRecipients().get(i);
            String property = PREFIX + "paging.recipients[" + i + "]";
            pb.recipient(Recipient.of(required(r.getId(), property + ".id"), contact(r, property)));
        }
        if (policyLocation != null) {
            String property = PREFIX + "paging.escalation.policy";
            EscalationPolicy policy;
            try {
                policy = policyLocation.equals("default") ? EscalationChain.defaults()
                        : EscalationChain.fromJson(read(policyLocation, property));
            } catch (InvalidConfigurationPropertyValueException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new InvalidConfigurationPropertyValueException(property, policyLocation, e.getMessage());
            }
            pb.escalation(policy, resolverBean != null ? resolverBean : roster(p.getEscalation()));
        }
        customizers.forEach(c -> c.customizePaging(pb));
        try {
            return pb.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "paging", "(recipients " + p.getRecipients().size()
                    + ", escalation " + policyLocation + ")", e.getMessage());
        }
    }

    private static Roster roster(NexusMonitorProperties.Escalation e) {
        Roster.Builder r = Roster.builder();
        for (int i = 0; i < e.getRoles().size(); i++) {
            Contact c = e.getRoles().get(i);
            String property = PREFIX + "paging.escalation.roles[" + i + "]";
            String id = required(c.getId(), property + ".id");
            r.role(id, c.getName() == null ? id : c.getName(), contact(c, property));
        }
        for (int i = 0; i < e.getPeople().size(); i++) {
            Contact c = e.getPeople().get(i);
            String property = PREFIX + "paging.escalation.people[" + i + "]";
            String id = required(c.getId(), property + ".id");
            r.person(id, c.getName() == null ? id : c.getName(), contact(c, property));
        }
        return r.build();
    }

    private static ContactPoint contact(Contact c, String property) {
        String channel = required(c.getChannel(), property + ".channel");
        String address = required(c.getAddress(), property + ".address");
        try {
            return ContactPoint.of(channel, address);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(property, channel + ":" + address, e.getMessage());
        }
    }

    private static String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "it is required");
        }
        return value;
    }

    private static Vital vital(String name, String property) {
        try {
            return Vital.parse(name.replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(property, name, e.getMessage());
        }
    }

    private static Bands bands(String property, BandsProperties b) {
        Map<String, Double> limits = new LinkedHashMap<>();
        limits.put("normal-low", b.getNormalLow());
        limits.put("normal-high", b.getNormalHigh());
        limits.put("warning-low", b.getWarningLow());
        limits.put("warning-high", b.getWarningHigh());
        limits.put("critical-low", b.getCriticalLow());
        limits.put("critical-high", b.getCriticalHigh());
        List<String> missing = limits.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(property, describe(b), "missing " + String.join(", ", missing)
                    + ": all six limits are required (normal-low, normal-high, warning-low, warning-high, critical-low, critical-high)");
        }
        limits.forEach((name, value) -> {
            if (!Double.isFinite(value)) {
                throw new InvalidConfigurationPropertyValueException(property + "." + name, value, "a limit must be a finite number");
            }
        });
        return Bands.of(b.getNormalLow(), b.getNormalHigh(), b.getWarningLow(), b.getWarningHigh(), b.getCriticalLow(),
                b.getCriticalHigh());
    }

    private static void apply(String property, Object value, Runnable step) {
        try {
            step.run();
        } catch (InvalidConfigurationPropertyValueException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(property, describe(value), e.getMessage());
        }
    }

    private static Object describe(Object value) {
        if (value instanceof BandsProperties b) {
            return "normal " + b.getNormalLow() + ".." + b.getNormalHigh() + ", warning " + b.getWarningLow() + ".."
                    + b.getWarningHigh() + ", critical " + b.getCriticalLow() + ".." + b.getCriticalHigh();
        }
        return value;
    }

    String read(String location, String property) {
        Resource r = resources.getResource(location);
        if (!r.exists()) {
            throw new InvalidConfigurationPropertyValueException(property, location, "no such file or resource");
        }
        try (InputStream in = r.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(property, location, "cannot read it: " + e.getMessage());
        }
    }
}
