/**
 * The event store schema, shared by PostgreSQL and PGlite.
 *
 * No reader ever skips an event, and nothing but an append holds a reader back: every append
 * announces itself before it draws a position, with a transaction-scoped shared advisory lock
 * whose key carries a lower bound of the positions it will draw (`cl_announce_append`). A reader
 * first reads the highest position drawn so far, then the announcements still held in this
 * database (`cl_read_horizon`), and reads only below the lowest of them, in a later statement
 * (a later snapshot). Every position below that horizon was drawn by an append that has since
 * committed or rolled back, so it is final. Sessions in other databases and transactions that
 * append nothing are not seen at all. See DESIGN.md "No consumer ever skips an event".
 */
/** First key of the announcement lock (pg_locks.classid); the second key is a lower bound of the positions, mod 2^32. */
export const APPEND_ANNOUNCEMENT_KEY = 7340032;

export const EVENT_STORE_SCHEMA = `
CREATE SEQUENCE IF NOT EXISTS cl_events_position_seq;
-- Every value drawn must show in the sequence's last value at once (cl_announce_append relies on it).
ALTER SEQUENCE cl_events_position_seq CACHE 1;
CREATE TABLE IF NOT EXISTS cl_events (
  global_position bigint PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  stream_revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT cl_events_stream_revision_key UNIQUE (stream_id, stream_revision)
);
CREATE INDEX IF NOT EXISTS cl_events_type_position_idx ON cl_events (type, global_position);
CREATE TABLE IF NOT EXISTS cl_commands (
  command_id text PRIMARY KEY,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  positions bigint[] NOT NULL,
  event_ids uuid[] NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
-- What the command said (a hash of the request), so a reused command id with other content is refused.
ALTER TABLE cl_commands ADD COLUMN IF NOT EXISTS fingerprint text;
-- Announces an append of this transaction before it draws positions: a shared advisory lock held
-- until commit or rollback, keyed by a lower bound of every position it will draw (the next value
-- of the sequence as read now, mod 2^32 as a signed integer; pg_locks shows it unsigned in objid).
-- A later call in the same transaction only adds a higher key.
CREATE OR REPLACE FUNCTION cl_announce_append() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  v_key bigint;
BEGIN
  v_key := (coalesce(pg_sequence_last_value('cl_events_position_seq'), 0) + 1) % 4294967296;
  IF v_key >= 2147483648 THEN
    v_key := v_key - 4294967296;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(${APPEND_ANNOUNCEMENT_KEY}, v_key::integer);
END
$fn$;
-- The first position a reader may not read yet: the lowest lower bound announced by an append still
-- running in this database, or the next position to be drawn. Read the sequence first, then the
-- announcements: a position drawn before the first read was announced before it, so it is either
-- announced still or final. Callers read rows below it in a LATER statement (a later snapshot).
CREATE OR REPLACE FUNCTION cl_read_horizon() RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_next bigint;
  v_low bigint;
BEGIN
  v_next := coalesce(pg_sequence_last_value('cl_events_position_seq'), 0) + 1;
  SELECT min(v_next - s.back) INTO v_low FROM (
    SELECT ((v_next - l.objid::bigint) % 4294967296 + 4294967296) % 4294967296 AS back
      FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.classid = ${APPEND_ANNOUNCEMENT_KEY}::oid AND l.objsubid = 2
       AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
  ) s
  WHERE s.back < 2147483648;
  RETURN coalesce(v_low, v_next);
END
$fn$;
CREATE OR REPLACE FUNCTION cl_append(p_stream text, p_head bigint, p_command_id text, p_fingerprint text, p_events jsonb,
                                     OUT out_revision bigint, OUT out_positions bigint[])
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_xid xid8;
  v_positions bigint[];
  v_event_ids uuid[];
  v_head_hash text;
  v_rev bigint;
BEGIN
  PERFORM cl_announce_append();
  v_xid := pg_current_xact_id();
  IF v_count = 1 THEN
    v_positions := ARRAY[nextval('cl_events_position_seq')];
  ELSE
    SELECT array_agg(p ORDER BY p) INTO v_positions
      FROM (SELECT nextval('cl_events_position_seq') AS p FROM generate_series(1, v_count)) s;
  END IF;

  -- The expected head must exist and be the link the caller chained to. Whether it is still the
  -- head is settled by the unique (stream_id, stream_revision) key when the events go in.
  IF p_head >= 0 THEN
    SELECT e.hash INTO v_head_hash FROM cl_events e WHERE e.stream_id = p_stream AND e.stream_revision = p_head;
    IF NOT FOUND THEN
      SELECT coalesce(max(e.stream_revision), -1) INTO v_rev FROM cl_events e WHERE e.stream_id = p_stream;
      RAISE EXCEPTION '%', v_rev USING ERRCODE = 'CLC01';
    END IF;
    IF v_head_hash <> p_events->0->>'prevHash' THEN
      RAISE EXCEPTION 'prevHash does not match the stored head of %', p_stream USING ERRCODE = 'CLE02';
    END IF;
  END IF;

  INSERT INTO cl_events (global_position, transaction_id, event_id, stream_id, stream_revision, type,
                         schema_version, data, metadata, prev_hash, hash)
  SELECT v_positions[e.ord], v_xid, (e.value->>'eventId')::uuid, p_stream, p_head + e.ord, e.value->>'type',
         (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata', e.value->>'prevHash', e.value->>'hash'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord);

  -- Recorded last: a concurrent twin of this command waits here for us and then finds the row.
  IF p_command_id IS NOT NULL THEN
    SELECT array_agg((e.value->>'eventId')::uuid ORDER BY e.ord) INTO v_event_ids
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord);
    INSERT INTO cl_commands (command_id, stream_id, revision, positions, event_ids, fingerprint)
      VALUES (p_command_id, p_stream, p_head + v_count, v_positions, v_event_ids, p_fingerprint) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'command % already recorded', p_command_id USING ERRCODE = 'CLD01';
    END IF;
  END IF;
  out_revision := p_head + v_count;
  out_positions := v_positions;
END
$fn$;
`;
