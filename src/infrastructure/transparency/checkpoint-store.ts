import { fromHex, toHex } from '../../transparency/bytes';
import { formatCheckpoint } from '../../transparency/checkpoint';
import type { NoteSigner } from '../../transparency/note-keys';
import { formatNote } from '../../transparency/signed-note';
import type { SqlQueryable } from '../event-store/sql/sql-client';

export type StoredCheckpoint = Readonly<{
  id: bigint;
  treeSize: bigint;
  rootHash: Uint8Array;
  origin: string;
  keyId: string;
  /** The signed note as the log signed it (no cosignatures). */
  note: string;
  signedAt: Date;
}>;

type Row = { id: string; tree_size: string; root_hash: string; origin: string; key_id: string; note: string; signed_at: Date | string };

const COLUMNS = "id, tree_size, encode(root_hash, 'hex') AS root_hash, origin, key_id, note, signed_at";
const toCheckpoint = (row: Row): StoredCheckpoint => ({
  id: BigInt(row.id),
  treeSize: BigInt(row.tree_size),
  rootHash: fromHex(row.root_hash)!,
  origin: row.origin,
  keyId: row.key_id,
  note: row.note,
  signedAt: new Date(row.signed_at),
});

/** The newest checkpoint signed by this key (a rotated key's checkpoints stay stored but are not served). */
export const latestCheckpoint = async (sql: SqlQueryable, keyId: string): Promise<StoredCheckpoint | null> => {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM cl_log_checkpoints WHERE key_id = $1 ORDER BY tree_size DESC, id DESC LIMIT 1`, [keyId]);
  return rows[0] === undefined ? null : toCheckpoint(rows[0]);
};

export const checkpointsOf = async (sql: SqlQueryable, keyId: string): Promise<StoredCheckpoint[]> => {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM cl_log_checkpoints WHERE key_id = $1 ORDER BY tree_size, id`, [keyId]);
  return rows.map(toCheckpoint);
};

export const checkpointOfSize = async (sql: SqlQueryable, keyId: string, treeSize: bigint): Promise<StoredCheckpoint | null> => {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM cl_log_checkpoints WHERE key_id = $1 AND tree_size = $2 ORDER BY id DESC LIMIT 1`, [
    keyId,
    treeSize.toString(),
  ]);
  return rows[0] === undefined ? null : toCheckpoint(rows[0]);
};

export const signAndStoreCheckpoint = async (
  sql: SqlQueryable,
  signer: NoteSigner,
  treeSize: bigint,
  rootHash: Uint8Array,
  signedAt: Date,
): Promise<StoredCheckpoint> => {
  const text = formatCheckpoint({ origin: signer.verifier.name, size: treeSize, rootHash });
  const note = formatNote({ text, signatures: [signer.sign(text)] });
  const keyId = toHex(signer.verifier.keyId);
  const { rows } = await sql.query<{ id: string }>(
    "INSERT INTO cl_log_checkpoints (tree_size, root_hash, origin, key_id, note, signed_at) VALUES ($1, decode($2, 'hex'), $3, $4, $5, $6) RETURNING id",
    [treeSize.toString(), toHex(rootHash), signer.verifier.name, keyId, note, signedAt.toISOString()],
  );
  return { id: BigInt(rows[0]!.id), treeSize, rootHash, origin: signer.verifier.name, keyId, note, signedAt };
};

/** Cosignature lines stored for a checkpoint, to serve with it. */
export const cosignaturesOf = async (sql: SqlQueryable, checkpointId: bigint): Promise<{ witness: string; line: string; cosignedAt: Date }[]> => {
  const { rows } = await sql.query<{ witness: string; signature_line: string; cosigned_at: Date | string }>(
    'SELECT witness, signature_line, cosigned_at FROM cl_log_cosignatures WHERE checkpoint_id = $1 ORDER BY witness',
    [checkpointId.toString()],
  );
  return rows.map((r) => ({ witness: r.witness, line: r.signature_line, cosignedAt: new Date(r.cosigned_at) }));
};
