import { fromBase64, fromHex, toHex } from '../../src/transparency/bytes';
import { EMPTY_ROOT, leafHash } from '../../src/transparency/merkle-hash';
import { MemoryTree, consistencyPlan, inclusionPlan, planNodes } from '../../src/transparency/merkle-tree';
import { verifyConsistency, verifyInclusion } from '../../src/transparency/merkle-verify';
import reference from './fixtures/rfc6962-reference-tree.json';
import inclusionVectors from './fixtures/transparency-dev-inclusion.json';
import consistencyVectors from './fixtures/transparency-dev-consistency.json';

const b64 = (text: string | null | undefined): Uint8Array => fromBase64(text ?? '') ?? new Uint8Array(0);
const hex = (text: string): Uint8Array => fromHex(text)!;

const referenceTree = (): MemoryTree => {
  const tree = new MemoryTree();
  for (const input of reference.leafInputs) tree.append(leafHash(hex(input)));
  return tree;
};

describe('RFC 9162 Merkle tree hashing (RFC 6962 reference tree)', () => {
  it('hashes leaves with the 0x00 prefix', () => {
    expect(reference.leafInputs.map((input) => toHex(leafHash(hex(input))))).toEqual(reference.leafHashes);
  });

  it('computes the empty root and every root of size 1 to 8', () => {
    expect(toHex(EMPTY_ROOT)).toBe(reference.rootsBySize[0]);
    const tree = referenceTree();
    for (let size = 0; size <= 8; size++) expect(toHex(tree.root(BigInt(size)))).toBe(reference.rootsBySize[size]);
  });

  it('stores every perfect subtree with the reference node hashes', () => {
    const tree = referenceTree();
    for (const [key, hash] of Object.entries(reference.nodes)) {
      const [level, index] = key.split(':');
      expect(toHex(tree.lookup({ level: Number(level), index: BigInt(index!) }))).toBe(hash);
    }
  });

  it('generates inclusion and consistency proofs that verify for every size and index of the reference tree', () => {
    const tree = referenceTree();
    for (let size = 1n; size <= 8n; size++) {
      const root = tree.root(size);
      for (let index = 0n; index < size; index++) {
        const proof = tree.inclusionProof(index, size);
        expect(verifyInclusion(index, size, tree.lookup({ level: 0, index }), proof, root)).toEqual({ ok: true });
        // Another leaf at the same index fails.
        expect(verifyInclusion(index, size, tree.lookup({ level: 0, index: (index + 1n) % 8n }), proof, root).ok).toBe(false);
      }
      for (let size1 = 1n; size1 <= size; size1++) {
        const proof = tree.consistencyProof(size1, size);
        expect(verifyConsistency(size1, size, proof, tree.root(size1), root)).toEqual({ ok: true });
        if (size1 < size) expect(verifyConsistency(size1, size, proof, tree.root(size1 - 1n), root).ok).toBe(false);
      }
    }
  });

  it('reads O(log n) stored nodes for a proof in a tree of a million leaves', () => {
    const size = 1_000_003n;
    expect(planNodes(inclusionPlan(617_411n, size)).length).toBeLessThanOrEqual(2 * 21);
    expect(planNodes(consistencyPlan(777_777n, size)).length).toBeLessThanOrEqual(3 * 21);
  });
});

describe('transparency-dev/merkle inclusion test data (adversarial proofs included)', () => {
  it.each(inclusionVectors.cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const result = verifyInclusion(BigInt(c.leafIdx), BigInt(c.treeSize), b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root));
    expect(result.ok).toBe(!c.wantErr);
  });

  it('generates the same proofs as the happy paths', () => {
    const tree = referenceTree();
    for (const c of inclusionVectors.cases.filter((v) => !v.wantErr && v.treeSize <= 8)) {
      if (toHex(b64(c.root)) !== toHex(tree.root(BigInt(c.treeSize)))) continue;
      expect(tree.inclusionProof(BigInt(c.leafIdx), BigInt(c.treeSize)).map(toHex)).toEqual((c.proof ?? []).map((p) => toHex(b64(p))));
    }
  });
});

describe('transparency-dev/merkle consistency test data (adversarial proofs included)', () => {
  it.each(consistencyVectors.cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const result = verifyConsistency(BigInt(c.size1), BigInt(c.size2), (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2));
    expect(result.ok).toBe(!c.wantErr);
  });

  it('generates the same proofs as the happy paths', () => {
    const tree = referenceTree();
    let compared = 0;
    for (const c of consistencyVectors.cases.filter((v) => !v.wantErr && v.size2 <= 8)) {
      if (toHex(b64(c.root2)) !== toHex(tree.root(BigInt(c.size2)))) continue;
      compared++;
      expect(tree.consistencyProof(BigInt(c.size1), BigInt(c.size2)).map(toHex)).toEqual((c.proof ?? []).map((p) => toHex(b64(p))));
    }
    expect(compared).toBeGreaterThan(0);
  });
});
