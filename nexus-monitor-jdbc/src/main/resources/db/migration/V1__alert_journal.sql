-- The alert journal: every record of the lifecycle, append-only, in seq order (JOURNAL.md in
-- nexus-monitor-core names the record types). One vocabulary with the file journal: a row is a
-- JournalRecord, column for component.
CREATE TABLE journal_event (
    seq          BIGINT        PRIMARY KEY CHECK (seq > 0),
    -- The instant as epoch seconds and nanoseconds: records keep nanoseconds and may lie outside
    -- timestamptz's range; the view journal_event_readable shows them as timestamps.
    at_seconds   BIGINT        NOT NULL,
    at_nanos     INTEGER       NOT NULL CHECK (at_nanos BETWEEN 0 AND 999999999),
    type         TEXT          NOT NULL CHECK (type <> ''),
    patient_id   TEXT,
    alert_id     TEXT,
    incident_id  TEXT,
    actor        TEXT,
    reason       TEXT,
    -- json, not jsonb: json keeps the text as written, so key order (part of a record's equality)
    -- and escapes such as \u0000 survive the round trip.
    data         JSON          NOT NULL,
    written_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- history(JournalQuery): each id criterion walks its own index in seq order, so that
-- "WHERE patient_id = ? ORDER BY seq LIMIT n" stops after n rows.
CREATE INDEX journal_event_patient  ON journal_event (patient_id, seq) WHERE patient_id IS NOT NULL;
CREATE INDEX journal_event_alert    ON journal_event (alert_id, seq) WHERE alert_id IS NOT NULL;
CREATE INDEX journal_event_incident ON journal_event (incident_id, seq) WHERE incident_id IS NOT NULL;
CREATE INDEX journal_event_type     ON journal_event (type, seq);
CREATE INDEX journal_event_at       ON journal_event (at_seconds, at_nanos);

-- Records that recovery could not read back, moved here with everything after them (the file
-- journal's side file): for a person to inspect; never read again by the journal.
CREATE TABLE journal_quarantine (
    LIKE journal_event,
    quarantined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    problem        TEXT        NOT NULL
);

-- The current state of every alert, kept in the same transaction as the alert.* record that
-- changed it: the latest snapshot (the record's data) per alert id.
CREATE TABLE current_alert (
    alert_id     TEXT          PRIMARY KEY,
    patient_id   TEXT          NOT NULL,
    rule_id      TEXT          NOT NULL,
    -- '' when the alert has no key, so that the unique index below compares it
    alert_key    TEXT          NOT NULL,
    state        TEXT          NOT NULL,
    severity     TEXT,
    incident_id  TEXT,
    last_seq     BIGINT        NOT NULL REFERENCES journal_event (seq),
    data         JSON          NOT NULL
);

-- At most one alert open per patient, rule and key: a second one is a lifecycle bug, and the
-- transaction that would make it fails.
CREATE UNIQUE INDEX current_alert_one_open ON current_alert (patient_id, rule_id, alert_key)
    WHERE state <> 'RESOLVED';
CREATE INDEX current_alert_patient ON current_alert (patient_id) WHERE state <> 'RESOLVED';

-- For people and reports: the journal with its instants as timestamps.
CREATE VIEW journal_event_readable AS
SELECT seq,
       to_timestamp(at_seconds) + make_interval(secs => at_nanos / 1e9) AS at,
       type, patient_id, alert_id, incident_id, actor, reason, data
FROM journal_event;
