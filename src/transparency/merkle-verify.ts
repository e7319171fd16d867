import { bytesEqual } from './bytes';
import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './merkle-hash';

/** Why a proof does not hold; verification never throws for bad input, it answers this. */
export type ProofCheck = Readonly<{ ok: true }> | Readonly<{ ok: false; reason: string }>;

const fail = (reason: string): ProofCheck => ({ ok: false, reason });
const OK: ProofCheck = { ok: true };

const wellFormed = (hashes: readonly Uint8Array[]): boolean => hashes.every((h) => h.length === HASH_SIZE);

/** RFC 9162 2.1.3.2: the root a leaf and its audit path lead to, or why there is none. */
export const rootFromInclusionProof = (
  leafIndex: bigint,
  treeSize: bigint,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | string => {
  if (leafIndex < 0n || leafIndex >= treeSize) return `leaf index ${leafIndex} is not below tree size ${treeSize}`;
  if (leaf.length !== HASH_SIZE || !wellFormed(proof)) return 'a hash is not 32 bytes';
  let fn = leafIndex;
  let sn = treeSize - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return 'the proof is too long';
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof is too short';
  return r;
};

export const verifyInclusion = (
  leafIndex: bigint,
  treeSize: bigint,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck => {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  if (typeof computed === 'string') return fail(computed);
  return bytesEqual(computed, root) ? OK : fail('the proof leads to another root');
};

/** RFC 9162 2.1.4.2: the tree of size2 with root2 extends the tree of size1 with root1. */
export const verifyConsistency = (
  size1: bigint,
  size2: bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): ProofCheck => {
  if (size1 < 0n || size2 < size1) return fail(`size ${size2} is smaller than size ${size1}`);
  if (size1 === size2) {
    if (proof.length > 0) return fail('equal sizes need an empty proof');
    if (size1 === 0n && !bytesEqual(root1, EMPTY_ROOT)) return fail('an empty tree has another root');
    return bytesEqual(root1, root2) ? OK : fail('equal sizes with different roots');
  }
  // RFC 9162 defines PROOF(m, D[n]) for 0 < m < n only: every tree is "consistent" with the empty one.
  if (size1 === 0n) return fail('a consistency proof from the empty tree proves nothing');
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || !wellFormed(proof)) return fail('a hash is not 32 bytes');
  if (proof.length === 0) return fail('the proof is empty');
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return fail('the proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return fail('the proof is too short');
  if (!bytesEqual(fr, root1)) return fail('the proof does not lead to the first root');
  if (!bytesEqual(sr, root2)) return fail('the proof does not lead to the second root');
  return OK;
};
