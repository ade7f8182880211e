package com.nexussaude.monitor.server;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.channels.ChannelEnvironment;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.EscalationConfigException;
import com.nexussaude.monitor.kafka.RecipientLookup;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.RateLimit;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the service's {@link Paging} from {@link PagingSettings}: every channel the settings configure
 * (through the channels module, which names each missing or bad variable and never shows a secret), and
 * either the escalation policy over the on-call roster, or, without a roster, one "on-call" recipient on
 * each channel that reaches an on-call system rather than a person (webhook, Slack, Teams).
 *
 * <p>Everything is checked before the service starts: a channel that needs people's addresses (e-mail,
 * SMS, WhatsApp, push) without a roster, a roster contact point on a channel that is not configured, an
 * escalation level on such a channel, or a target the roster does not hold would each leave a page with
 * nowhere to go, so each is a {@link ServerConfig.ConfigException} naming the setting.
 */
final class PagingSetup {
    /** Channels that page a person at an address, so they need a roster. */
    private static final Map<String, String> NEEDS_ADDRESS = Map.of(
            "email", ChannelEnvironment.SMTP_HOST, "sms", ChannelEnvironment.TWILIO_ACCOUNT_SID,
            "whatsapp", ChannelEnvironment.WHATSAPP_TOKEN, "push", ChannelEnvironment.FCM_SERVICE_ACCOUNT_FILE);

    /**
     * The paging, the channel names and a one-line description without secrets (for the start-up log).
     *
     * @param paging null when nothing is configured (nobody is paged; health says so)
     * @param policy  who is paged and how (the escalation over the roster, or the on-call recipients), without the
     *                channels: Kafka mode's monitors page through the pages topic instead (a no-op when nobody is paged)
     * @param senders the configured channels themselves (empty when nobody is paged), through which Kafka mode's
     *                page delivery sends what the pages topic holds
     * @param recipients where the policy's recipients are reached: a page in the pages topic names its recipient by
     *                   id and channel only, and Kafka mode's page delivery takes the address from here
     */
    record Built(Paging paging, List<String> channels, String description, Consumer<Paging.Builder> policy,
                 List<NotificationChannel> senders, RecipientLookup recipients) {
    }

    private PagingSetup() {
    }

    /**
     * @throws ServerConfig.ConfigException naming the setting that cannot be used
     */
    static Built build(PagingSettings settings, List<DeliveryListener> listeners) {
        List<NotificationChannel> channels;
        try {
            channels = ChannelEnvironment.channels(settings.channelEnv());
        } catch (IllegalArgumentException e) {
            // The channels module names every variable and never shows a secret's value.
            throw new ServerConfig.ConfigException(e.getMessage());
        }
        List<String> names = new ArrayList<>();
        channels.forEach(c -> names.add(c.name()));
        if (channels.isEmpty()) {
            if (settings.rosterFile() != null || settings.escalationFile() != null) {
                throw new ServerConfig.ConfigException((settings.rosterFile() != null ? PagingSettings.ONCALL_ROSTER_FILE
                        : PagingSettings.ESCALATION_POLICY_FILE) + " is set, but no channel is: set SMTP_HOST,"
                        + " TWILIO_ACCOUNT_SID, WHATSAPP_TOKEN, FCM_SERVICE_ACCOUNT_FILE, SLACK_WEBHOOK_URL or"
                        + " SLACK_BOT_TOKEN, TEAMS_WEBHOOK_URL or WEBHOOK_URL");
            }
            return new Built(null, List.of(), "nobody is paged (no channel configured)", b -> { }, List.of(),
                    (id, channel) -> Optional.empty());
        }
        Paging.Builder b = Paging.builder();
        for (NotificationChannel c : channels) {
            // Slack allows about one message a second per channel (its documented limit).
            b.channel(c, c.name().equals("slack") ? RateLimit.of(1, Duration.ofSeconds(1)) : null);
        }
        listeners.forEach(b::deliveryListener);
        List<Consumer<Paging.Builder>> policy = new ArrayList<>();
        Map<String, Recipient> recipients = new HashMap<>();
        String description;
        if (settings.rosterFile() == null) {
            description = onCallSystems(settings, names, policy::add, recipients);
        } else {
            description = escalation(settings, names, policy::add, recipients);
        }
        Consumer<Paging.Builder> applied = pb -> policy.forEach(p -> p.accept(pb));
        applied.accept(b);
        Map<String, Recipient> byIdAndChannel = Map.copyOf(recipients);
        return new Built(b.build(), List.copyOf(names), "channels " + names + ", " + description, applied,
                List.copyOf(channels), (id, channel) -> Optional.ofNullable(
                        byIdAndChannel.get(RosterFile.recipientKey(id, channel))));
    }

    private static String onCallSystems(PagingSettings settings, List<String> names,
                                        Consumer<Consumer<Paging.Builder>> b, Map<String, Recipient> recipients) {
        if (settings.escalationFile() != null) {
            throw new ServerConfig.ConfigException(PagingSettings.ESCALATION_POLICY_FILE + " (" + settings.escalationFile()
                    + ") is set but " + PagingSettings.ONCALL_ROSTER_FILE + " is not: the policy's targets are the"
                    + " roster's people, roles and schedules");
        }
        List<String> needRoster = new ArrayList<>();
        for (String n : names) {
            if (NEEDS_ADDRESS.containsKey(n)) {
                needRoster.add(n + " (" + NEEDS_ADDRESS.get(n) + ")");
            }
        }
        if (!needRoster.isEmpty()) {
            throw new ServerConfig.ConfigException("the channel(s) " + needRoster + " page people at their own"
                    + " addresses: set " + PagingSettings.ONCALL_ROSTER_FILE + " to a roster with their contact points");
        }
        for (String n : names) {
            // The webhook's recipient keeps the id it has always had, so journals stay comparable.
            Recipient r = n.equals("webhook") ? Recipient.of("on-call", ContactPoint.of(n, "on-call"))
                    : Recipient.of("on-call@" + n, ContactPoint.of(n, ""));
            b.accept(pb -> pb.recipient(r));
            recipients.put(RosterFile.recipientKey(r.id(), r.contact().channel()), r);
        }
        return "every incident page to the on-call system behind each channel";
    }

    private static String escalation(PagingSettings settings, List<String> names, Consumer<Consumer<Paging.Builder>> b,
                                     Map<String, Recipient> recipients) {
        Path rosterPath = settings.rosterFile();
        String rosterSource = PagingSettings.ONCALL_ROSTER_FILE + " (" + rosterPath + ")";
        RosterFile.Read roster = RosterFile.parse(read(rosterPath, rosterSource), rosterSource,
                new LinkedHashSet<>(names));
        EscalationChain chain;
        String chainSource;
        if (settings.escalationFile() == null) {
            chain = EscalationChain.defaults();
            chainSource = "the bundled default escalation policy (set " + PagingSettings.ESCALATION_POLICY_FILE
                    + " to use another)";
        } else {
            chainSource = PagingSettings.ESCALATION_POLICY_FILE + " (" + settings.escalationFile() + ")";
            try {
                chain = EscalationChain.fromJson(read(settings.escalationFile(), chainSource));
            } catch (EscalationConfigException e) {
                throw new ServerConfig.ConfigException(chainSource + ": " + e.getMessage());
            }
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < chain.levels().size(); i++) {
            EscalationChain.Level level = chain.levels().get(i);
            String where = "levels[" + i + "] (\"" + level.name() + "\")";
            Set<String> missing = new LinkedHashSet<>(level.channels());
            missing.removeAll(names);
            if (!missing.isEmpty()) {
                problems.add(where + " pages on " + missing + ", which " + (missing.size() == 1 ? "is" : "are")
                        + " not configured; configured: " + names);
            }
            for (EscalationTarget t : level.targets()) {
                Set<String> known = switch (t.kind()) {
                    case PERSON -> roster.people();
                    case ROLE -> roster.roles();
                    case SCHEDULE -> roster.schedules();
                };
                if (!known.contains(t.id())) {
                    problems.add(where + " targets " + t.kind().wireName() + " \"" + t.id() + "\", which "
                            + rosterSource + " does not hold; its " + t.kind().wireName() + "s: " + known);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ServerConfig.ConfigException(chainSource + " cannot page through this service:\n  "
                    + String.join("\n  ", problems));
        }
        recipients.putAll(roster.recipients());
        EscalationChain policyChain = chain;
        b.accept(pb -> pb.escalation(policyChain, roster.roster()));
        return "escalation policy \"" + chain.name() + "\" (" + chain.levels().size() + " levels, repeat "
                + chain.repeat() + ") from " + chainSource + " over the roster of " + rosterSource + " ("
                + roster.people().size() + " people, " + roster.roles().size() + " roles, "
                + roster.schedules().size() + " schedules)";
    }

    private static String read(Path file, String source) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServerConfig.ConfigException(source + " cannot be read: " + e);
        }
    }
}
