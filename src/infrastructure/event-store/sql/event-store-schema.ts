/**
 * The event store schema, shared by PostgreSQL and PGlite.
 *
 * Positions and transaction ids are taken together inside a short critical section (a session
 * advisory lock released before the insert), so position order equals transaction-id order. A
 * reader that only sees rows whose transaction id is below the oldest running transaction
 * (`pg_snapshot_xmin(pg_current_snapshot())`) can therefore read by position and never skip an
 * event that commits late. See DESIGN.md "No consumer ever skips an event".
 */
export const POSITION_LOCK_KEY = 7340031;

export const EVENT_STORE_SCHEMA = `
CREATE SEQUENCE IF NOT EXISTS cl_events_position_seq;
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
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'cl_append must be the first write of its transaction' USING ERRCODE = 'CLE01';
  END IF;
  -- A session lock outlives an error, so release it on any error, a cancel included.
  BEGIN
    PERFORM pg_advisory_lock(${POSITION_LOCK_KEY});
    v_xid := pg_current_xact_id();
    IF v_count = 1 THEN
      v_positions := ARRAY[nextval('cl_events_position_seq')];
    ELSE
      SELECT array_agg(p ORDER BY p) INTO v_positions
        FROM (SELECT nextval('cl_events_position_seq') AS p FROM generate_series(1, v_count)) s;
    END IF;
    PERFORM pg_advisory_unlock(${POSITION_LOCK_KEY});
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(${POSITION_LOCK_KEY});
    RAISE;
  END;

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
