import { randomBytes } from 'node:crypto';
import { appendToFrontier, eventLeaf, nodeHashOfNodes, nodeLeafHash, rootOfFrontier } from '../../src/infrastructure/transparency/node-merkle-hash';
import { toHex } from '../../src/transparency/bytes';
import { eventLeafHash } from '../../src/transparency/event-leaf';
import { leafHash, nodeHash } from '../../src/transparency/merkle-hash';
import { appendLeaf, foldRight } from '../../src/transparency/merkle-tree';

/**
 * The service hashes the log's leaves and nodes with node:crypto; the browser's verifier, proofs and
 * bundles with @noble/hashes. A leaf or node that came out differently would make every proof of the
 * service fail offline, so the two must give the same bytes for everything the log can hold.
 */
describe('the transparency log hashes with node:crypto', () => {
  const hex = (): string => randomBytes(32).toString('hex');

  it('hash leaf data as leafHash does, events at edge and random positions included', () => {
    for (const length of [0, 1, 40, 64, 1000]) {
      const data = new Uint8Array(randomBytes(length));
      expect(toHex(nodeLeafHash(data))).toBe(toHex(leafHash(data)));
    }
    const positions = [0n, 1n, 255n, 256n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n, ...Array.from({ length: 200 }, () => randomBytes(8).readBigUInt64BE(0))];
    for (const position of positions) {
      const eventHash = hex();
      expect(toHex(eventLeaf(position, eventHash))).toBe(toHex(eventLeafHash(position, eventHash)));
    }
  });

  it('hash two children as nodeHash does', () => {
    for (let i = 0; i < 200; i++) {
      const left = randomBytes(32);
      const right = new Uint8Array(randomBytes(32));
      expect(toHex(nodeHashOfNodes(left, right))).toBe(toHex(nodeHash(left, right)));
    }
  });

  it('build the same tree: every node a leaf completes, the frontier and the root, leaf by leaf (the empty tree too)', () => {
    let mine = { size: 0n, frontier: [] as Uint8Array[] };
    let noble = { size: 0n, frontier: [] as Uint8Array[] };
    expect(toHex(rootOfFrontier([]))).toBe(toHex(foldRight([])));
    for (let i = 0n; i < 300n; i++) {
      const eventHash = hex();
      const a = appendToFrontier(mine.size, mine.frontier, eventLeaf(i + 7n, eventHash));
      const b = appendLeaf(noble.size, noble.frontier, eventLeafHash(i + 7n, eventHash));
      expect(a.created.map((n) => [n.level, n.index, toHex(n.hash)])).toEqual(b.created.map((n) => [n.level, n.index, toHex(n.hash)]));
      mine = { size: mine.size + 1n, frontier: a.frontier };
      noble = { size: noble.size + 1n, frontier: b.frontier };
      expect(toHex(rootOfFrontier(mine.frontier))).toBe(toHex(foldRight(noble.frontier)));
    }
  });
});
