/**
 * Tables of the transparency log (docs/architecture.md "Integrators' feed and the transparency log"), shared by PostgreSQL and PGlite.
 * cl_log_nodes holds every perfect subtree (level 0 = leaf hashes), so a root or a proof is one
 * indexed read of O(log n) rows. cl_log_state is the builder's checkpoint, moved in the same
 * transaction as the nodes it covers. cl_log_leaves maps a leaf to its event's global position and
 * id (lower case), so a proof by event id needs no lookup in the event store (EventStoreDB has none);
 * leaves written before the id was kept get it from the store when the builder migrates.
 */
export const LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_log_nodes (
  level smallint NOT NULL,
  idx bigint NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TABLE IF NOT EXISTS cl_log_leaves (
  leaf_index bigint PRIMARY KEY,
  global_position bigint NOT NULL UNIQUE,
  event_id text
);
ALTER TABLE cl_log_leaves ADD COLUMN IF NOT EXISTS event_id text;
CREATE UNIQUE INDEX IF NOT EXISTS cl_log_leaves_event_id_idx ON cl_log_leaves (event_id);
CREATE TABLE IF NOT EXISTS cl_log_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  tree_size bigint NOT NULL,
  last_position bigint NOT NULL
);
INSERT INTO cl_log_state (id, tree_size, last_position) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS cl_log_checkpoints (
  id bigserial PRIMARY KEY,
  tree_size bigint NOT NULL,
  root_hash bytea NOT NULL,
  origin text NOT NULL,
  key_id text NOT NULL,
  note text NOT NULL,
  signed_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS cl_log_checkpoints_size_idx ON cl_log_checkpoints (tree_size);
CREATE TABLE IF NOT EXISTS cl_log_witnesses (
  name text PRIMARY KEY,
  vkey text NOT NULL,
  registered_by text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS cl_log_cosignatures (
  witness text NOT NULL REFERENCES cl_log_witnesses (name),
  checkpoint_id bigint NOT NULL REFERENCES cl_log_checkpoints (id),
  tree_size bigint NOT NULL,
  signature_line text NOT NULL,
  cosigned_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (witness, checkpoint_id)
);
`;
