import { HttpException, HttpStatus } from '@nestjs/common';
import { IllegalStateError, NotFoundError, ValidationError } from '../../domain/shared';
import { bytesEqual, toHex } from '../../transparency/bytes';
import { verifyConsistency } from '../../transparency/merkle-verify';
import { cosignatureTime, signaturesBy, verifierFromVkey, type NoteVerifier } from '../../transparency/note-keys';
import { formatNote, formatSignatureLine, parseNote } from '../../transparency/signed-note';
import type { Clock } from '../../application/ports/clock.port';
import type { SqlClient } from '../event-store/sql/sql-client';
import {
  checkpointOfSize,
  cosignaturesOf,
  latestCheckpoint,
  signAndStoreCheckpoint,
  type StoredCheckpoint,
} from './checkpoint-store';
import type { LogBuilder } from './log-builder';
import type { LogSettings } from './log-settings';
import { consistencyProofAt, inclusionProofAt, locateLeaf, type LeafLocation } from './log-tree-store';

export type ServedCheckpoint = StoredCheckpoint & { cosignatures: { witness: string; cosignedAt: Date }[]; noteWithCosignatures: string };

/** The log's operations behind the HTTP routes and the CLI: checkpoints, proofs, witnesses. */
export class TransparencyLog {
  constructor(
    private readonly sql: SqlClient,
    readonly builder: LogBuilder,
    readonly settings: LogSettings,
    private readonly clock: Clock,
  ) {}

  private get signer() {
    if (this.settings.signer === undefined) {
      throw new HttpException(
        { code: 'LOG.NO_SIGNING_KEY', message: 'no log signing key is configured (LOG_SIGNING_KEY); checkpoints are not published' },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return this.settings.signer;
  }

  get keyId(): string {
    return toHex(this.signer.verifier.keyId);
  }

  /** Brings the tree up to the store's head and signs it, unless the newest checkpoint already has that size. */
  async publish(): Promise<ServedCheckpoint> {
    const signer = this.signer;
    await this.builder.catchUp();
    const head = await this.builder.head();
    const latest = await latestCheckpoint(this.sql, this.keyId);
    const checkpoint =
      latest !== null && latest.treeSize === head.treeSize ? latest : await signAndStoreCheckpoint(this.sql, signer, head.treeSize, head.rootHash, this.clock.now());
    return this.serve(checkpoint);
  }

  /** The newest signed checkpoint with its cosignatures (one is signed first if there is none). */
  async latest(): Promise<ServedCheckpoint> {
    const latest = await latestCheckpoint(this.sql, this.keyId);
    return latest === null ? this.publish() : this.serve(latest);
  }

  private async serve(checkpoint: StoredCheckpoint): Promise<ServedCheckpoint> {
    const cosignatures = await cosignaturesOf(this.sql, checkpoint.id);
    const note = parseNote(checkpoint.note);
    if (typeof note === 'string') throw new Error(`stored checkpoint ${checkpoint.id}: ${note}`);
    const lines = cosignatures.map((c) => parseNote(`x\n\n${c.line}\n`)).flatMap((n) => (typeof n === 'string' ? [] : n.signatures));
    return {
      ...checkpoint,
      cosignatures: cosignatures.map((c) => ({ witness: c.witness, cosignedAt: c.cosignedAt })),
      noteWithCosignatures: formatNote({ text: note.text, signatures: [...note.signatures, ...lines] }),
    };
  }

  async checkpointOfSize(treeSize: bigint): Promise<ServedCheckpoint> {
    const checkpoint = await checkpointOfSize(this.sql, this.keyId, treeSize);
    if (checkpoint === null) throw new NotFoundError('LOG.NO_SUCH_CHECKPOINT', `no checkpoint of tree size ${treeSize} was signed`);
    return this.serve(checkpoint);
  }

  async locate(by: Readonly<{ eventId: string } | { globalPosition: bigint }>): Promise<LeafLocation> {
    const location = await locateLeaf(this.sql, this.builder.feed, by);
    if (location === null) throw new NotFoundError('LOG.NOT_A_LEAF', 'no such event in the log yet (unknown, or not yet added to the tree)');
    return location;
  }

  /** Inclusion proof of a leaf in the tree of `treeSize` (default: the newest signed checkpoint). */
  async inclusionProof(location: LeafLocation, treeSize?: bigint): Promise<{ treeSize: bigint; hashes: Uint8Array[]; checkpoint?: ServedCheckpoint }> {
    const checkpoint = treeSize === undefined ? await this.latest() : undefined;
    const size = treeSize ?? checkpoint!.treeSize;
    await this.requireBuilt(size);
    if (location.leafIndex >= size) {
      throw new IllegalStateError('LOG.NOT_YET_COVERED', `leaf ${location.leafIndex} is not covered by a tree of size ${size}; ask for a newer checkpoint (POST /log/checkpoints)`);
    }
    return { treeSize: size, hashes: await inclusionProofAt(this.sql, location.leafIndex, size), ...(checkpoint === undefined ? {} : { checkpoint }) };
  }

  async consistencyProof(size1: bigint, size2: bigint): Promise<Uint8Array[]> {
    if (size1 < 1n || size2 < size1) throw new ValidationError('expected 1 <= from <= to', [{ field: 'from', message: 'must be at least 1 and at most to' }], 'LOG.BAD_SIZES');
    await this.requireBuilt(size2);
    return consistencyProofAt(this.sql, size1, size2);
  }

  private async requireBuilt(size: bigint): Promise<void> {
    const head = await this.builder.head();
    if (size > head.treeSize) throw new IllegalStateError('LOG.TREE_TOO_SMALL', `the tree has ${head.treeSize} leaves, fewer than ${size}`);
  }

  ///////// Witnesses

  async registerWitness(name: string, vkey: string, by: string): Promise<{ name: string; verifierKey: string; keyId: string }> {
    const verifier = verifierFromVkey(vkey);
    if (typeof verifier === 'string' || verifier.kind !== 'cosignature/v1' || verifier.name !== name) {
      throw new ValidationError('not a cosignature/v1 verifier key of this witness', [
        { field: 'verifierKey', message: typeof verifier === 'string' ? verifier : `expected an Ed25519 cosigner key (type 0x04) named ${name}` },
      ], 'LOG.BAD_WITNESS_KEY');
    }
    const { rows } = await this.sql.query('INSERT INTO cl_log_witnesses (name, vkey, registered_by) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name', [name, vkey, by]);
    if (rows.length === 0) throw new IllegalStateError('LOG.WITNESS_EXISTS', `a witness named ${name} is already registered`);
    return { name, verifierKey: vkey, keyId: toHex(verifier.keyId) };
  }

  async witnesses(): Promise<{ name: string; verifierKey: string; lastCosignedSize: string | null }[]> {
    const { rows } = await this.sql.query<{ name: string; vkey: string; last: string | null }>(
      'SELECT w.name, w.vkey, (SELECT max(c.tree_size) FROM cl_log_cosignatures c WHERE c.witness = w.name) AS last FROM cl_log_witnesses w ORDER BY w.name',
    );
    return rows.map((r) => ({ name: r.name, verifierKey: r.vkey, lastCosignedSize: r.last === null ? null : String(r.last) }));
  }

  /**
   * Accepts a witness's cosignature/v1 for a checkpoint the log signed, only if that checkpoint is
   * consistent with the last one the witness cosigned (C2SP tlog-witness: never backwards, never a fork).
   */
  async addCosignature(witness: string, treeSize: bigint, signatureLine: string): Promise<ServedCheckpoint> {
    const { rows } = await this.sql.query<{ vkey: string }>('SELECT vkey FROM cl_log_witnesses WHERE name = $1', [witness]);
    if (rows[0] === undefined) throw new NotFoundError('LOG.UNKNOWN_WITNESS', `no witness named ${witness} is registered`);
    const verifier = verifierFromVkey(rows[0].vkey) as NoteVerifier;
    const checkpoint = await this.checkpointOfSize(treeSize);
    const parsed = parseNote(`x\n\n${signatureLine.trim()}\n`);
    const signature = typeof parsed === 'string' ? undefined : signaturesBy(verifier, parsed.signatures)[0];
    const text = (parseNote(checkpoint.note) as { text: string }).text;
    if (signature === undefined || !verifier.verify(text, signature.signature)) {
      throw new ValidationError(`the line is not a valid cosignature/v1 by ${witness} of the checkpoint of size ${treeSize}`, [
        { field: 'cosignature', message: 'does not verify with the registered witness key' },
      ], 'LOG.BAD_COSIGNATURE');
    }
    const previous = await this.sql.query<{ tree_size: string; root_hash: string }>(
      `SELECT c.tree_size, encode(k.root_hash, 'hex') AS root_hash FROM cl_log_cosignatures c JOIN cl_log_checkpoints k ON k.id = c.checkpoint_id
        WHERE c.witness = $1 ORDER BY c.tree_size DESC LIMIT 1`,
      [witness],
    );
    const last = previous.rows[0];
    if (last !== undefined) {
      const lastSize = BigInt(last.tree_size);
      if (treeSize < lastSize) throw new IllegalStateError('LOG.WITNESS_ROLLBACK', `${witness} already cosigned size ${lastSize}; a smaller tree cannot follow`);
      const lastRoot = Uint8Array.from(Buffer.from(last.root_hash, 'hex'));
      const consistent =
        treeSize === lastSize ? bytesEqual(lastRoot, checkpoint.rootHash) : verifyConsistency(lastSize, treeSize, await consistencyProofAt(this.sql, lastSize, treeSize), lastRoot, checkpoint.rootHash).ok;
      if (!consistent) throw new IllegalStateError('LOG.INCONSISTENT', `the checkpoint of size ${treeSize} is not consistent with size ${lastSize} that ${witness} cosigned`);
    }
    const cosignedAt = new Date(Number(cosignatureTime(signature.signature)!) * 1000);
    await this.sql.query(
      `INSERT INTO cl_log_cosignatures (witness, checkpoint_id, tree_size, signature_line, cosigned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (witness, checkpoint_id) DO UPDATE SET signature_line = EXCLUDED.signature_line, cosigned_at = EXCLUDED.cosigned_at`,
      [witness, checkpoint.id.toString(), treeSize.toString(), formatSignatureLine(signature).trimEnd(), cosignedAt.toISOString()],
    );
    return this.checkpointOfSize(treeSize);
  }
}
