/**
 * The person registry's tables, outside the event log (PostgreSQL and PGlite). The per-person keys
 * sit in their own table, wrapped by the master key when one is configured: erasing a person deletes
 * the key row, and the ciphertext left in cl_persons (and in every backup) can no longer be read.
 */
export const PERSON_DATA_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_persons (
  person_ref text PRIMARY KEY,
  community_id text NOT NULL,
  command_id text NOT NULL,
  ciphertext bytea NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz
);
CREATE TABLE IF NOT EXISTS cl_person_keys (
  person_ref text PRIMARY KEY,
  wrapped_key bytea NOT NULL,
  wrapped_by text NOT NULL
);
`;
