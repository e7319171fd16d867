import { SERVER_SECRETS_SCHEMA } from './server-secrets';
/**
 * The event store schema, shared by PostgreSQL and PGlite.
 *
 * No reader ever skips an event, and nothing but an append holds a reader back: every append
 * announces itself before it draws a position, with a transaction-scoped shared advisory lock
 * whose key carries a lower bound of the positions it will draw (ANNOUNCE_APPEND). A reader
 * first reads the highest position drawn so far, then the announcements still held in this
 * database (`cl_read_horizon`), and reads only below the lowest of them, in a later statement
 * (a later snapshot). Every position below that horizon was drawn by an append that has since
 * committed or rolled back, so it is final. Sessions in other databases and transactions that
 * append nothing are not seen at all. See docs/architecture.md "Reading: projections".
 */
/** First key of the announcement lock (pg_locks.classid); the second key is a lower bound of the positions, mod 2^32. */
export const APPEND_ANNOUNCEMENT_KEY = 7340032;

/**
 * Announces an append of this transaction before it draws positions (plpgsql, in cl_append_batch;
 * written out there, not a function of its own: one call less per flush): a shared advisory lock
 * held until commit or rollback, keyed by a lower bound of every position it will draw (the next
 * value of the sequence as read now, mod 2^32 as a signed integer; pg_locks shows it unsigned in
 * objid). A later announcement in the same transaction only adds a higher key. Needs `v_key bigint`.
 * Databases created before keep the function cl_announce_append that held it; nothing calls it.
 */
export const ANNOUNCE_APPEND = `  v_key := (coalesce(pg_sequence_last_value('cl_events_position_seq'), 0) + 1) % 4294967296;
  IF v_key >= 2147483648 THEN
    v_key := v_key - 4294967296;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(${APPEND_ANNOUNCEMENT_KEY}, v_key::integer);
`;

/**
 * Optional: serves only readAll with a type filter, which no reader in the engine uses (the
 * projection runner reads unfiltered pages and filters by canHandle). One index entry less per event
 * without it. Databases created before it became optional keep it; nothing drops it.
 */
export const TYPE_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS cl_events_type_position_idx ON cl_events (type, global_position)';

export const EVENT_STORE_SCHEMA = `
CREATE SEQUENCE IF NOT EXISTS cl_events_position_seq;
-- Every value drawn must show in the sequence's last value at once (the announcement relies on it).
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
-- Group commit: several appends, one transaction, one announcement, positions drawn together. Each
-- request ({s: stream, h: expected head revision, c: command id, f: fingerprint, e: events}) is
-- checked and reported on its own, without a subtransaction: a request that cannot go in leaves
-- nothing behind (its rows are deleted again) and the others still commit. Statuses: ok, conflict
-- (revision = the stream's actual head), duplicate_command, duplicate_event, hash_mismatch.
-- Within one call requests are applied in order, so a later one sees what an earlier one wrote.
CREATE OR REPLACE FUNCTION cl_append_batch(p_requests jsonb)
RETURNS TABLE (out_index integer, out_status text, out_revision bigint, out_positions bigint[])
LANGUAGE plpgsql AS $fn$
DECLARE
  v_xid xid8;
  v_key bigint;
  v_total integer;
  v_all bigint[];
  v_used integer := 0;
  v_request jsonb;
  v_index integer;
  v_stream text;
  v_head bigint;
  v_events jsonb;
  v_count integer;
  v_positions bigint[];
  v_head_hash text;
  v_inserted integer;
BEGIN
${ANNOUNCE_APPEND}  v_xid := pg_current_xact_id();
  IF jsonb_array_length(p_requests) = 1 THEN
    v_total := jsonb_array_length(p_requests->0->'e');
  ELSE
    SELECT sum(jsonb_array_length(r->'e'))::integer INTO v_total FROM jsonb_array_elements(p_requests) r;
  END IF;
  v_all := ARRAY(SELECT nextval('cl_events_position_seq') FROM generate_series(1, v_total) ORDER BY 1);

  -- Requests by index (expressions, not a query per loop).
  FOR v_index IN 0 .. jsonb_array_length(p_requests) - 1 LOOP
    v_request := p_requests->v_index;
    v_stream := v_request->>'s';
    v_head := (v_request->>'h')::bigint;
    v_events := v_request->'e';
    v_count := jsonb_array_length(v_events);
    v_positions := v_all[v_used + 1 : v_used + v_count];
    v_used := v_used + v_count;
    out_index := v_index;
    out_positions := NULL;

    -- The expected head must exist and be the link the caller chained to. Whether it is still the
    -- head is settled by the unique (stream_id, stream_revision) key when the events go in.
    IF v_head >= 0 THEN
      SELECT e.hash INTO v_head_hash FROM cl_events e WHERE e.stream_id = v_stream AND e.stream_revision = v_head;
      IF NOT FOUND THEN
        out_status := 'conflict';
        SELECT coalesce(max(e.stream_revision), -1) INTO out_revision FROM cl_events e WHERE e.stream_id = v_stream;
        RETURN NEXT;
        CONTINUE;
      END IF;
      IF v_head_hash <> v_events->0->>'prevHash' THEN
        out_status := 'hash_mismatch';
        out_revision := v_head;
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;

    -- A taken revision or event id skips the row (after waiting for a concurrent writer of the same
    -- key to finish) instead of failing the transaction.
    INSERT INTO cl_events (global_position, transaction_id, event_id, stream_id, stream_revision, type,
                           schema_version, data, metadata, prev_hash, hash)
    SELECT v_positions[e.ord], v_xid, (e.value->>'eventId')::uuid, v_stream, v_head + e.ord, e.value->>'type',
           (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata', e.value->>'prevHash', e.value->>'hash'
      FROM jsonb_array_elements(v_events) WITH ORDINALITY AS e(value, ord)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted < v_count THEN
      DELETE FROM cl_events e WHERE e.global_position = ANY(v_positions);
      IF EXISTS (SELECT 1 FROM cl_events e WHERE e.stream_id = v_stream AND e.stream_revision > v_head) THEN
        out_status := 'conflict';
        SELECT coalesce(max(e.stream_revision), -1) INTO out_revision FROM cl_events e WHERE e.stream_id = v_stream;
      ELSE
        out_status := 'duplicate_event';
        out_revision := v_head;
      END IF;
      RETURN NEXT;
      CONTINUE;
    END IF;

    -- Recorded last: a concurrent twin of this command waits here for us and then finds the row.
    IF v_request->>'c' IS NOT NULL THEN
      INSERT INTO cl_commands (command_id, stream_id, revision, positions, event_ids, fingerprint)
        SELECT v_request->>'c', v_stream, v_head + v_count, v_positions,
               array_agg((e.value->>'eventId')::uuid ORDER BY e.ord), v_request->>'f'
          FROM jsonb_array_elements(v_events) WITH ORDINALITY AS e(value, ord)
        ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        DELETE FROM cl_events e WHERE e.global_position = ANY(v_positions);
        out_status := 'duplicate_command';
        out_revision := v_head;
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;
    out_status := 'ok';
    out_revision := v_head + v_count;
    out_positions := v_positions;
    RETURN NEXT;
  END LOOP;
END
$fn$;
-- One append, for tools and tests: errors instead of statuses (CLC01 conflict with the actual head
-- as message, CLD01 command already recorded, CLE02 hash mismatch, 23505 event id stored).
CREATE OR REPLACE FUNCTION cl_append(p_stream text, p_head bigint, p_command_id text, p_fingerprint text, p_events jsonb,
                                     OUT out_revision bigint, OUT out_positions bigint[])
LANGUAGE plpgsql AS $fn$
DECLARE
  v_status text;
BEGIN
  SELECT b.out_status, b.out_revision, b.out_positions INTO v_status, out_revision, out_positions
    FROM cl_append_batch(jsonb_build_array(jsonb_build_object('s', p_stream, 'h', p_head, 'c', p_command_id, 'f', p_fingerprint, 'e', p_events))) b;
  CASE v_status
    WHEN 'ok' THEN RETURN;
    WHEN 'conflict' THEN RAISE EXCEPTION '%', out_revision USING ERRCODE = 'CLC01';
    WHEN 'duplicate_command' THEN RAISE EXCEPTION 'command % already recorded', p_command_id USING ERRCODE = 'CLD01';
    WHEN 'hash_mismatch' THEN RAISE EXCEPTION 'prevHash does not match the stored head of %', p_stream USING ERRCODE = 'CLE02';
    ELSE RAISE EXCEPTION 'an event id is already stored' USING ERRCODE = '23505';
  END CASE;
END
$fn$;
${SERVER_SECRETS_SCHEMA}
`;
