package com.nexussaude.monitor.notify;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which facts of a notification may leave the hospital on a channel: the "minimum necessary" rule
 * applied before templates render anything.
 *
 * <p>The default, {@link #minimumNecessary()}, keeps what a clinician needs to find the patient
 * and judge urgency (patient id, ward, bed, message, evidence) and drops the patient's name. Use
 * {@link #of(NotificationField...)} to choose otherwise, for example a channel that stays inside
 * the hospital network may include the name.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PrivacyPolicy {

    private static final PrivacyPolicy MINIMUM_NECESSARY = new PrivacyPolicy(EnumSet.of(
            NotificationField.PATIENT_ID, NotificationField.WARD, NotificationField.BED,
            NotificationField.MESSAGE, NotificationField.EVIDENCE));
    private static final PrivacyPolicy ALL = new PrivacyPolicy(EnumSet.allOf(NotificationField.class));

    private final Set<NotificationField> included;

    private PrivacyPolicy(Set<NotificationField> included) {
        this.included = Set.copyOf(included);
    }

    /**
     * Patient id, ward, bed, message and evidence; never the patient's name. The default.
     *
     * @return a policy that allows patient id, ward, bed, message and evidence, never the name
     */
    public static PrivacyPolicy minimumNecessary() {
        return MINIMUM_NECESSARY;
    }

    /**
     * Every field, the patient's name included: only for channels inside the hospital.
     *
     * @return a policy that allows every field, the patient's name included
     */
    public static PrivacyPolicy all() {
        return ALL;
    }

    /**
     * Exactly the given fields.
     *
     * @param fields the fields that may be sent; may be empty
     * @return a policy that allows exactly {@code fields}
     */
    public static PrivacyPolicy of(NotificationField... fields) {
        return of(Arrays.asList(fields));
    }

    /**
     * Exactly the given fields.
     *
     * @param fields the fields that may be sent; may be empty, not null
     * @return a policy that allows exactly {@code fields}
     */
    public static PrivacyPolicy of(Collection<NotificationField> fields) {
        var set = EnumSet.noneOf(NotificationField.class);
        fields.forEach(f -> set.add(Objects.requireNonNull(f, "field")));
        return new PrivacyPolicy(set);
    }

    /**
     * Parses a comma-separated list of field names ({@code "patient_id,bed,message"},
     * case-insensitive, blanks ignored), as configuration files and environment variables give it.
     *
     * @param fields the field names, e.g. {@code "patient_id,bed,message"}; an empty string allows no
     *     optional field
     * @return a policy that allows exactly the named fields
     * @throws IllegalArgumentException naming the unknown field and the known ones
     */
    public static PrivacyPolicy parse(String fields) {
        Objects.requireNonNull(fields, "fields");
        var set = EnumSet.noneOf(NotificationField.class);
        for (String part : fields.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                set.add(NotificationField.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown notification field '" + name + "'; known fields: "
                        + Arrays.stream(NotificationField.values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(",")));
            }
        }
        return new PrivacyPolicy(set);
    }

    /**
     * True if {@code field} may be sent.
     *
     * @param field a field of a notification
     * @return true if {@code field} may be sent
     */
    public boolean includes(NotificationField field) {
        return included.contains(field);
    }

    /**
     * The included fields.
     *
     * @return the included fields
     */
    public Set<NotificationField> fields() {
        return included;
    }

    /**
     * A copy of {@code n} without the excluded fields: optional ones become null, a dropped
     * patient id becomes {@code "-"} (it is required), a dropped message becomes empty and dropped
     * evidence an empty map. The idempotency key, recipient and content are kept.
     *
     * @param n the notification to reduce; not null
     * @return a copy of {@code n} without the excluded fields: optional ones become null, a dropped patient
     *     id becomes {@code "-"} (it is required), a dropped message becomes empty and dropped evidence an empty
     *     map
     */
    public Notification apply(Notification n) {
        Objects.requireNonNull(n, "notification");
        if (included.size() == NotificationField.values().length) {
            return n;
        }
        return n.toBuilder()
                .patientId(includes(NotificationField.PATIENT_ID) ? n.patientId() : "-")
                .patientName(includes(NotificationField.PATIENT_NAME) ? n.patientName() : null)
                .ward(includes(NotificationField.WARD) ? n.ward() : null)
                .bed(includes(NotificationField.BED) ? n.bed() : null)
                .message(includes(NotificationField.MESSAGE) ? n.message() : "")
                .evidence(includes(NotificationField.EVIDENCE) ? n.evidence() : Map.of())
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivacyPolicy p && p.included.equals(included);
    }

    @Override
    public int hashCode() {
        return included.hashCode();
    }

    @Override
    public String toString() {
        return "PrivacyPolicy" + new java.util.TreeSet<>(included);
    }
}
