-- The vitals history: raw readings for the retention window (VitalsHistoryStore.Options
-- rawRetention, 24 h by default), per-minute aggregates beyond it.
CREATE TABLE vital_reading (
    patient_id  TEXT              NOT NULL,
    vital       TEXT              NOT NULL,
    at          TIMESTAMPTZ       NOT NULL,
    value       DOUBLE PRECISION  NOT NULL
);
-- Query by patient and time range; the retention job's range delete uses vital_reading_at.
CREATE INDEX vital_reading_patient_at ON vital_reading (patient_id, at);
CREATE INDEX vital_reading_at ON vital_reading (at);

CREATE TABLE vital_minute (
    patient_id  TEXT              NOT NULL,
    vital       TEXT              NOT NULL,
    minute      TIMESTAMPTZ       NOT NULL,
    median      DOUBLE PRECISION  NOT NULL,
    min         DOUBLE PRECISION  NOT NULL,
    max         DOUBLE PRECISION  NOT NULL,
    count       INTEGER           NOT NULL CHECK (count > 0),
    PRIMARY KEY (patient_id, minute, vital)
);
CREATE INDEX vital_minute_minute ON vital_minute (minute);
