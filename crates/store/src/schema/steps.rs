//! The SQLite schema's steps, in the order they were added: each brings a file from one
//! version to the next (`schema::migrate` applies them). Append only — a file made by an
//! older build has run the steps before its version and must come out the same.

/// Steps 1–21, the booking desk and its server: `AT_THE_COUNTER[i]` brings the schema from
/// version `i` to `i + 1`. Closed: later steps go in `beyond_the_counter.rs`.
pub(super) const AT_THE_COUNTER: &[&str] = &[
    // 1: studio, rooms, bookings, day masks, audit log, change log, outbox, sync state.
    r#"
    CREATE TABLE studio (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        hours TEXT NOT NULL,            -- JSON: [["HH:MM", "HH:MM"] | null] × 7, Monday first
                                        -- (version 5: see below)
        hold_ttl_seconds INTEGER NOT NULL
    );
    CREATE TABLE rooms (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        durations TEXT NOT NULL,        -- JSON array of minutes
        interval_minutes INTEGER NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE TABLE bookings (
        id TEXT PRIMARY KEY,            -- uuid
        room TEXT NOT NULL,
        start_utc INTEGER NOT NULL,     -- unix seconds
        end_utc INTEGER NOT NULL,
        customer_name TEXT NOT NULL,
        customer_phone TEXT,
        customer_email TEXT,
        note TEXT,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'pending', 'cancelled', 'conflict')),
        desk TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        seq INTEGER NOT NULL,           -- the change-log sequence of the last change
        status_reason TEXT,             -- why cancelled / why in conflict
        CHECK (end_utc > start_utc)
    );
    CREATE INDEX bookings_room_start ON bookings (room, start_utc);
    CREATE INDEX bookings_start ON bookings (start_utc);
    CREATE TABLE day_masks (
        room TEXT NOT NULL,
        date TEXT NOT NULL,             -- local YYYY-MM-DD
        busy BLOB NOT NULL,             -- u128, 16 bytes little-endian
        PRIMARY KEY (room, date)
    ) WITHOUT ROWID;
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        desk TEXT NOT NULL,
        action TEXT NOT NULL,
        booking_id TEXT,
        detail TEXT NOT NULL            -- JSON
    );
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        booking_id TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE TABLE outbox (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,          -- JSON of the mutation as pushed
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 2: the server's desk tokens (hashes only) and the answers given to sync mutations.
    r#"
    CREATE TABLE desk_tokens (
        desk TEXT PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE push_log (
        mutation_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        booking_id TEXT,
        message TEXT,
        at INTEGER NOT NULL
    );
    "#,
    // 3: a desk remembers the server's change-log sequence of each booking it pulled.
    r#"
    ALTER TABLE bookings ADD COLUMN server_seq INTEGER;
    "#,
    // 4: the change log is read by sequence (pull pages).
    r#"
    CREATE INDEX bookings_seq ON bookings (seq);
    -- The sync status counts pending and conflicting bookings after every write. Partial
    -- indexes whose WHERE matches those counts exactly: a plain index on status would be
    -- picked (wrongly) by the overlap queries' "status IN ('confirmed', 'pending')".
    CREATE INDEX bookings_pending ON bookings (id) WHERE status = 'pending';
    CREATE INDEX bookings_conflict ON bookings (id) WHERE status = 'conflict';
    "#,
    // 5: several opening ranges a weekday, closed dates and special hours.
    // `hours` becomes [[["HH:MM", "HH:MM"], …] × 7], Monday first, [] for closed: each
    // weekday's one range (or null) becomes a list of one range (or none). `dates` holds
    // the exceptions, {"YYYY-MM-DD": [["HH:MM", "HH:MM"], …]}, [] for a closed date.
    r#"
    ALTER TABLE studio ADD COLUMN dates TEXT NOT NULL DEFAULT '{}';
    UPDATE studio SET hours = coalesce((
        SELECT '[' || group_concat(
            CASE WHEN day.type = 'null' THEN '[]' ELSE '[' || day.value || ']' END,
            ',' ORDER BY day.key) || ']'
        FROM json_each(studio.hours) AS day
    ), '[]');
    "#,
    // 6: the studio is data that changes: its version (raised by every change, so desks
    // and editors can tell a newer studio), and admin desk tokens (they may change it).
    r#"
    ALTER TABLE studio ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE desk_tokens ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
    "#,
    // 7: prices. A room's hourly rate and peak rates (JSON like the wire's `peaks`), the
    // studio's currency, and the price a booking was made at (NULL for older bookings).
    r#"
    ALTER TABLE rooms ADD COLUMN price_per_hour INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE rooms ADD COLUMN peaks TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE studio ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
    ALTER TABLE bookings ADD COLUMN price INTEGER;
    "#,
    // 8: a desk connected to a server looks, at every start, for the bookings it made while
    // standalone (confirmed, never seen by a server): an index of exactly those, usually
    // empty, instead of a scan of every booking.
    r#"
    CREATE INDEX bookings_unsent ON bookings (start_utc)
        WHERE status = 'confirmed' AND server_seq IS NULL;
    "#,
    // 9: staff who sign in at the desk (PINs as salted Argon2id hashes, PHC strings), and
    // who made each audited change; the activity screen reads the audit log by time.
    r#"
    CREATE TABLE staff (
        id TEXT PRIMARY KEY,            -- uuid
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
        pin_hash TEXT NOT NULL,
        position INTEGER NOT NULL
    );
    ALTER TABLE audit ADD COLUMN staff_id TEXT;
    ALTER TABLE audit ADD COLUMN staff_name TEXT;
    CREATE INDEX audit_at ON audit (at);
    "#,
    // 10: a room's colour on the screens (`#rrggbb`, NULL: none of its own).
    r#"
    ALTER TABLE rooms ADD COLUMN colour TEXT;
    "#,
    // 11: a booking's life after it is made: its version (raised by every change, so an
    // offline change never lands on a newer booking), when the customer checked in, and
    // whether they did not come. Changes the server refused are kept for staff.
    r#"
    ALTER TABLE bookings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE bookings ADD COLUMN checked_in_at INTEGER;
    ALTER TABLE bookings ADD COLUMN no_show INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE refused_changes (
        mutation_id TEXT PRIMARY KEY,
        booking_id TEXT NOT NULL,
        request TEXT NOT NULL,          -- JSON: the ChangeBookingRequest as it was pushed
        local TEXT NOT NULL,            -- JSON: this desk's booking (BookingDto) with the change
        reason TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    "#,
    // 12: payment: unpaid, a deposit or paid, the amount received and how.
    r#"
    ALTER TABLE bookings ADD COLUMN payment_status TEXT NOT NULL DEFAULT 'unpaid'
        CHECK (payment_status IN ('unpaid', 'deposit', 'paid'));
    ALTER TABLE bookings ADD COLUMN paid_amount INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE bookings ADD COLUMN payment_method TEXT;
    "#,
    // 13: minutes after a booking's start from which a no-show can be marked.
    r#"
    ALTER TABLE studio ADD COLUMN no_show_grace_minutes INTEGER NOT NULL DEFAULT 15;
    "#,
    // 14: minutes a room needs after every booking before the next may start.
    r#"
    ALTER TABLE rooms ADD COLUMN changeover_minutes INTEGER NOT NULL DEFAULT 0;
    "#,
    // 15: the recurring series a booking is an occurrence of.
    r#"
    ALTER TABLE bookings ADD COLUMN series_id TEXT;
    CREATE INDEX bookings_series ON bookings (series_id, start_utc) WHERE series_id IS NOT NULL;
    "#,
    // 16: customer records, found as staff type (a trigram index over name, phone digits
    // and email), and the customer of each booking.
    r#"
    CREATE TABLE customers (
        id TEXT PRIMARY KEY,            -- uuid, derived from what made it
        name TEXT NOT NULL COLLATE NOCASE,
        phone TEXT,
        email TEXT,
        notes TEXT,
        phone_key TEXT,                 -- the phone's digits
        email_key TEXT,                 -- the email in lower case
        merged_into TEXT,               -- set: an alias of that record
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX customers_phone ON customers (phone_key) WHERE phone_key IS NOT NULL;
    CREATE INDEX customers_email ON customers (email_key) WHERE email_key IS NOT NULL;
    CREATE INDEX customers_name ON customers (name);
    CREATE INDEX customers_seq ON customers (seq);
    CREATE VIRTUAL TABLE customer_search USING fts5(
        name, phone_key, email_key, content = 'customers', content_rowid = 'rowid',
        tokenize = 'trigram'
    );
    CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customer_search (rowid, name, phone_key, email_key)
        VALUES (new.rowid, new.name, new.phone_key, new.email_key);
    END;
    CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customer_search (customer_search, rowid, name, phone_key, email_key)
        VALUES ('delete', old.rowid, old.name, old.phone_key, old.email_key);
    END;
    CREATE TRIGGER customers_au AFTER UPDATE OF name, phone_key, email_key ON customers BEGIN
        INSERT INTO customer_search (customer_search, rowid, name, phone_key, email_key)
        VALUES ('delete', old.rowid, old.name, old.phone_key, old.email_key);
        INSERT INTO customer_search (rowid, name, phone_key, email_key)
        VALUES (new.rowid, new.name, new.phone_key, new.email_key);
    END;
    ALTER TABLE bookings ADD COLUMN customer_id TEXT;
    CREATE INDEX bookings_customer ON bookings (customer_id, start_utc) WHERE customer_id IS NOT NULL;
    -- Bookings still to link (older files, once): start-up finds them without a scan.
    CREATE INDEX bookings_unlinked ON bookings (created_at) WHERE customer_id IS NULL;
    "#,
    // 17: customer edits made offline that the server refused, until staff choose.
    r#"
    CREATE TABLE refused_customer_edits (
        mutation_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        request TEXT NOT NULL,          -- JSON: the EditCustomerRequest as it was pushed
        reason TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    "#,
    // 18: a server's desks: when each was last seen and with which app version, and the
    // one-time codes that enrol a desk (hashes only; one open code per desk).
    r#"
    ALTER TABLE desk_tokens ADD COLUMN last_seen INTEGER;
    ALTER TABLE desk_tokens ADD COLUMN app_version TEXT;
    CREATE TABLE desk_enrolments (
        code_sha256 TEXT PRIMARY KEY,
        desk TEXT NOT NULL UNIQUE,
        admin INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
    );
    "#,
    // 19: staff the server can believe: staff sessions a server issued after checking a
    // PIN (hashes only), wrong-PIN lockouts that survive a restart (a server's and a
    // desk's), and when each removed member left (an offline write of theirs made before
    // is still theirs).
    r#"
    CREATE TABLE staff_sessions (
        session_sha256 TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL,
        desk TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    );
    CREATE TABLE pin_lockouts (
        staff_id TEXT PRIMARY KEY,
        wrong INTEGER NOT NULL,
        locked_until INTEGER
    );
    CREATE TABLE staff_departures (
        staff_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        left_at INTEGER NOT NULL
    );
    "#,
    // 20: whether an audited change was made after an offline sign-in (unverified).
    r#"
    ALTER TABLE audit ADD COLUMN staff_offline INTEGER NOT NULL DEFAULT 0;
    "#,
    // 21: a server's calendar feeds: a secret read-only URL of one room (or, `room` NULL,
    // the whole studio), only its token's hash stored; revoking one deletes its row.
    r#"
    CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        room TEXT,
        detail TEXT NOT NULL CHECK (detail IN ('name', 'booked')),
        label TEXT,
        created_at INTEGER NOT NULL
    );
    "#,
];
