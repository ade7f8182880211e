package com.nexussaude.monitor.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.Recipient;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The on-call roster file ({@code ONCALL_ROSTER_FILE}): people, roles and schedules with their contact
 * points, read into the library's {@link Roster}. Every problem is collected with its JSON path, so an
 * operator fixes the file in one go; a contact point on a channel that is not configured is a problem
 * (that person could never be paged there).
 *
 * <pre>{@code
 * {
 *   "people": [ { "id": "ana", "name": "Ana Lima",
 *                 "contacts": [ { "channel": "email", "address": "ana@hospital.example" } ] } ],
 *   "roles": [ { "id": "bedside-nurse", "ward": "4B", "name": "4B nurse phone",
 *                "contacts": [ { "channel": "sms", "address": "+15550100" } ] } ],
 *   "schedules": [ { "id": "ward-physician", "zone": "Europe/Lisbon",
 *                    "rotations": [ { "name": "days", "start_date": "2026-12-01",
 *                                     "handoffs": [ { "time": "08:00", "people": [ "ana", "bo" ] } ] } ],
 *                    "overrides": [ { "person": "bo", "from": "2026-12-24T08:00:00Z", "to": "2026-12-25T08:00:00Z" } ] } ]
 * }
 * }</pre>
 * A role or schedule with a {@code ward} is used for that ward's patients first; without one it is
 * hospital-wide. A hand-off with a {@code day} (e.g. {@code "MONDAY"}) is weekly, else daily.
 */
final class RosterFile {
    private static final JsonMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * The roster and the ids of what it holds (for checking the escalation policy's targets).
     *
     * @param recipients every recipient the roster can page, one per id and channel (a person's id, a role's id, a
     *                   ward role's {@code id@ward}, as {@link Roster} names them), for Kafka mode's page delivery,
     *                   which reads a page's recipient id and channel and needs the contact point back
     */
    record Read(Roster roster, Set<String> people, Set<String> roles, Set<String> schedules,
                Map<String, Recipient> recipients) {
    }

    private final Set<String> channels;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> people = new LinkedHashSet<>();
    private final Set<String> roles = new LinkedHashSet<>();
    private final Set<String> schedules = new LinkedHashSet<>();
    /** By {@link #recipientKey}; a later entry replaces an earlier one, as in {@link Roster.Builder}. */
    private final Map<String, Recipient> recipients = new LinkedHashMap<>();

    private RosterFile(Set<String> channels) {
        this.channels = channels;
    }

    /**
     * Reads {@code json}; {@code source} names the setting and file in every message.
     *
     * @throws ServerConfig.ConfigException listing every problem with its path
     */
    static Read parse(String json, String source, Set<String> channels) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new ServerConfig.ConfigException(source + " is not valid JSON" + at + ": " + e.getOriginalMessage());
        }
        RosterFile r = new RosterFile(channels);
        Roster.Builder b = Roster.builder();
        if (root == null || !root.isObject()) {
            r.problems.add("(document): must be a JSON object with people, roles and schedules");
        } else {
            r.only(root, "", Set.of("people", "roles", "schedules"));
            r.people(root.get("people"), b);
            r.roles(root.get("roles"), b);
            r.schedules(root.get("schedules"), b);
        }
        Roster roster = null;
        if (r.problems.isEmpty()) {
            try {
                roster = b.build();
            } catch (IllegalStateException e) {
                r.problems.add(e.getMessage());
            }
        }
        if (!r.problems.isEmpty()) {
            throw new ServerConfig.ConfigException(source + " has " + r.problems.size() + " problem(s):\n  "
                    + String.join("\n  ", r.problems));
        }
        return new Read(roster, Set.copyOf(r.people), Set.copyOf(r.roles), Set.copyOf(r.schedules),
                Map.copyOf(r.recipients));
    }

    private void people(JsonNode n, Roster.Builder b) {
        List<JsonNode> list = array(n, "people", false);
        for (int i = 0; i < list.size(); i++) {
            String path = "people[" + i + "]";
            JsonNode p = list.get(i);
            if (!object(p, path, Set.of("id", "name", "contacts"))) {
                continue;
            }
            String id = text(p, path, "id", true);
            String name = text(p, path, "name", false);
            List<ContactPoint> contacts = contacts(p, path);
            if (id != null && !people.add(id)) {
                problems.add(path + ".id: person \"" + id + "\" is listed twice");
            } else if (id != null) {
                b.person(id, name == null ? id : name, contacts.toArray(ContactPoint[]::new));
                recipients(id, name == null ? id : name, contacts);
            }
        }
    }

    private void roles(JsonNode n, Roster.Builder b) {
        List<JsonNode> list = array(n, "roles", false);
        for (int i = 0; i < list.size(); i++) {
            String path = "roles[" + i + "]";
            JsonNode p = list.get(i);
            if (!object(p, path, Set.of("id", "ward", "name", "contacts"))) {
                continue;
            }
            String id = text(p, path, "id", true);
            String ward = text(p, path, "ward", false);
            String name = text(p, path, "name", false);
            ContactPoint[] contacts = contacts(p, path).toArray(ContactPoint[]::new);
            if (id == null) {
                continue;
            }
            roles.add(id);
            if (ward == null) {
                b.role(id, name == null ? id : name, contacts);
                recipients(id, name == null ? id : name, List.of(contacts));
            } else {
                b.wardRole(id, ward, name == null ? id + "@" + ward : name, contacts);
                recipients(id + "@" + ward, name == null ? id + "@" + ward : name, List.of(contacts));
            }
        }
    }

    private void recipients(String recipientId, String name, List<ContactPoint> contacts) {
        for (ContactPoint c : contacts) {
            recipients.put(recipientKey(recipientId, c.channel()), new Recipient(recipientId, name, c));
        }
    }

    /** The key of {@link Read#recipients}. */
    static String recipientKey(String recipientId, String channel) {
        return recipientId + "\n" + channel;
    }

    private void schedules(JsonNode n, Roster.Builder b) {
        List<JsonNode> list = array(n, "schedules", false);
        for (int i = 0; i < list.size(); i++) {
            String path = "schedules[" + i + "]";
            JsonNode s = list.get(i);
            if (!object(s, path, Set.of("id", "ward", "zone", "rotations", "overrides"))) {
                continue;
            }
            String id = text(s, path, "id", true);
            String ward = text(s, path, "ward", false);
            String zoneText = text(s, path, "zone", true);
            ZoneId zone = null;
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (DateTimeException e) {
                    problems.add(path + ".zone: must be a time-zone id such as Europe/Lisbon or UTC, but was \""
                            + zoneText + "\"");
                }
            }
            List<Rotation> rotations = new ArrayList<>();
            List<JsonNode> rs = array(s.get("rotations"), path + ".rotations", true);
            for (int j = 0; j < rs.size(); j++) {
                Rotation r = rotation(rs.get(j), path + ".rotations[" + j + "]");
                if (r != null) {
                    rotations.add(r);
                }
            }
            List<Instant[]> overrides = new ArrayList<>();
            List<String> overridePeople = new ArrayList<>();
            List<JsonNode> os = array(s.get("overrides"), path + ".overrides", false);
            for (int j = 0; j < os.size(); j++) {
                String op = path + ".overrides[" + j + "]";
                JsonNode o = os.get(j);
                if (!object(o, op, Set.of("person", "from", "to"))) {
                    continue;
                }
                String person = text(o, op, "person", true);
                Instant from = instant(o, op, "from");
                Instant to = instant(o, op, "to");
                if (person != null && from != null && to != null) {
                    if (!to.isAfter(from)) {
                        problems.add(op + ": to (" + to + ") must be after from (" + from + ")");
                    } else {
                        overridePeople.add(person);
                        overrides.add(new Instant[] {from, to});
                    }
                }
            }
            if (id == null || zone == null || rotations.size() != rs.size()) {
                continue;
            }
            OnCallSchedule.Builder sb = OnCallSchedule.builder(id, zone);
            rotations.forEach(sb::rotation);
            for (int j = 0; j < overrides.size(); j++) {
                sb.override(overridePeople.get(j), overrides.get(j)[0], overrides.get(j)[1]);
            }
            schedules.add(id);
            if (ward == null) {
                b.schedule(sb.build());
            } else {
                b.wardSchedule(ward, sb.build());
            }
        }
    }

    private Rotation rotation(JsonNode r, String path) {
        if (!object(r, path, Set.of("name", "start_date", "handoffs"))) {
            return null;
        }
        String name = text(r, path, "name", false);
        String start = text(r, path, "start_date", true);
        LocalDate startDate = null;
        if (start != null) {
            try {
                startDate = LocalDate.parse(start);
            } catch (DateTimeException e) {
                problems.add(path + ".start_date: must be a date such as 2026-12-01, but was \"" + start + "\"");
            }
        }
        List<JsonNode> hs = array(r.get("handoffs"), path + ".handoffs", true);
        if (hs.isEmpty() && r.has("handoffs")) {
            problems.add(path + ".handoffs: must hold at least one hand-off");
        }
        // With a bad start date the hand-offs are still checked, so every problem is reported at once.
        Rotation.Builder b = Rotation.builder(name == null ? "rotation" : name,
                startDate == null ? LocalDate.of(2000, 1, 1) : startDate);
        boolean ok = !hs.isEmpty() && startDate != null;
        for (int i = 0; i < hs.size(); i++) {
            String hp = path + ".handoffs[" + i + "]";
            JsonNode h = hs.get(i);
            if (!object(h, hp, Set.of("day", "time", "people"))) {
                ok = false;
                continue;
            }
            String timeText = text(h, hp, "time", true);
            String dayText = text(h, hp, "day", false);
            List<String> who = new ArrayList<>();
            for (JsonNode x : array(h.get("people"), hp + ".people", true)) {
                if (x.isTextual() && !x.asText().isBlank()) {
                    who.add(x.asText());
                } else {
                    problems.add(hp + ".people: must hold person ids, but holds " + x);
                    ok = false;
                }
            }
            LocalTime time = null;
            if (timeText != null) {
                try {
                    time = LocalTime.parse(timeText);
                } catch (DateTimeException e) {
                    problems.add(hp + ".time: must be a local time such as 08:00, but was \"" + timeText + "\"");
                }
            }
            DayOfWeek day = null;
            if (dayText != null) {
                try {
                    day = DayOfWeek.valueOf(dayText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(hp + ".day: must be a day of the week such as MONDAY, but was \"" + dayText + "\"");
                    ok = false;
                }
            }
            if (time == null) {
                ok = false;
                continue;
            }
            if (day == null) {
                b.handoff(time, who);
            } else {
                b.handoff(day, time, who);
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private List<ContactPoint> contacts(JsonNode owner, String path) {
        List<ContactPoint> out = new ArrayList<>();
        List<JsonNode> list = array(owner.get("contacts"), path + ".contacts", true);
        if (list.isEmpty() && owner.has("contacts")) {
            problems.add(path + ".contacts: must hold at least one contact point, or nobody could be paged");
        }
        for (int i = 0; i < list.size(); i++) {
            String cp = path + ".contacts[" + i + "]";
            JsonNode c = list.get(i);
            if (!object(c, cp, Set.of("channel", "address"))) {
                continue;
            }
            String channel = text(c, cp, "channel", true);
            String address = text(c, cp, "address", false);
            if (channel == null) {
                continue;
            }
            if (!channels.contains(channel)) {
                problems.add(cp + ".channel: \"" + channel + "\" is not a configured channel; configured: "
                        + (channels.isEmpty() ? "none (set SMTP_HOST, TWILIO_ACCOUNT_SID, ... to configure one)" : channels));
                continue;
            }
            out.add(ContactPoint.of(channel, address == null ? "" : address));
        }
        return out;
    }

    private boolean object(JsonNode n, String path, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            problems.add(path + ": must be a JSON object, but was " + n);
            return false;
        }
        return only(n, path, allowed);
    }

    private boolean only(JsonNode n, String path, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add((path.isEmpty() ? "(document)" : path) + ": unknown field(s) " + unknown + "; allowed: "
                    + new java.util.TreeSet<>(allowed));
        }
        return true;
    }

    private List<JsonNode> array(JsonNode n, String path, boolean required) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(path + ": is required");
            }
            return out;
        }
        if (!n.isArray()) {
            problems.add(path + ": must be an array, but was " + n);
            return out;
        }
        n.forEach(out::add);
        return out;
    }

    private String text(JsonNode owner, String path, String field, boolean required) {
        JsonNode n = owner.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(path + "." + field + ": is required");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add(path + "." + field + ": must be a non-blank string, but was " + n);
            return null;
        }
        return n.asText();
    }

    private Instant instant(JsonNode owner, String path, String field) {
        String v = text(owner, path, field, true);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            problems.add(path + "." + field + ": must be ISO-8601 with an offset (2026-12-24T08:00:00Z), but was \""
                    + v + "\"");
            return null;
        }
    }
}
