import { EMPTY_ROOT, nodeHash, type NodeHash } from './merkle-hash';

/**
 * The shape of an RFC 9162 Merkle tree, as plans of perfect subtrees. A perfect subtree is a node
 * `{ level, index }` covering leaves [index * 2^level, (index + 1) * 2^level); a stored tree keeps
 * every perfect node, so a root or a proof is a handful of reads followed by hashing.
 */
export type NodeId = Readonly<{ level: number; index: bigint }>;
export type StoredNode = Readonly<{ level: number; index: bigint; hash: Uint8Array }>;

export const nodeKey = (id: NodeId): string => `${id.level}:${id.index}`;

/** The largest power of two strictly below n (n >= 2). */
const splitPoint = (n: bigint): bigint => {
  let k = 1n;
  while (k << 1n < n) k <<= 1n;
  return k;
};

/**
 * The perfect subtrees of the RFC 9162 subtree over leaves [begin, end), largest first; `begin` is
 * always aligned to a power of two at least as large as the range, so they follow the binary
 * digits of its size. Its hash is their right fold (see foldRight).
 */
export const rangeNodes = (begin: bigint, end: bigint): NodeId[] => {
  const nodes: NodeId[] = [];
  let position = begin;
  const size = end - begin;
  for (let level = 63; level >= 0; level--) {
    const width = 1n << BigInt(level);
    if ((size & width) !== 0n) {
      nodes.push({ level, index: position >> BigInt(level) });
      position += width;
    }
  }
  return nodes;
};

/** MTH of a range from its perfect subtrees: H(P1, H(P2, ... Pk)). */
export const foldRight = (hashes: readonly Uint8Array[], hashNode: NodeHash = nodeHash): Uint8Array => {
  if (hashes.length === 0) return EMPTY_ROOT;
  let hash = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) hash = hashNode(hashes[i]!, hash);
  return hash;
};

/** A proof before hashing: each element is the range of perfect subtrees one proof hash folds. */
export type ProofPlan = readonly (readonly NodeId[])[];

/** RFC 9162 2.1.3.1 PATH(m, D[n]), leaf-level sibling first. */
export const inclusionPlan = (leafIndex: bigint, treeSize: bigint): ProofPlan => {
  if (leafIndex < 0n || leafIndex >= treeSize) throw new RangeError(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  const plan: NodeId[][] = [];
  const walk = (begin: bigint, end: bigint): void => {
    if (end - begin <= 1n) return;
    const k = splitPoint(end - begin);
    if (leafIndex < begin + k) {
      walk(begin, begin + k);
      plan.push(rangeNodes(begin + k, end));
    } else {
      walk(begin + k, end);
      plan.push(rangeNodes(begin, begin + k));
    }
  };
  walk(0n, treeSize);
  return plan;
};

/** RFC 9162 2.1.4.1 PROOF(m, D[n]); empty when m is 0 or n. */
export const consistencyPlan = (size1: bigint, size2: bigint): ProofPlan => {
  if (size1 < 0n || size1 > size2) throw new RangeError(`no consistency proof from size ${size1} to size ${size2}`);
  const plan: NodeId[][] = [];
  if (size1 === 0n || size1 === size2) return plan;
  const sub = (m: bigint, begin: bigint, end: bigint, complete: boolean): void => {
    if (m === end - begin) {
      if (!complete) plan.push(rangeNodes(begin, end));
      return;
    }
    const k = splitPoint(end - begin);
    if (m <= k) {
      sub(m, begin, begin + k, complete);
      plan.push(rangeNodes(begin + k, end));
    } else {
      sub(m - k, begin + k, end, false);
      plan.push(rangeNodes(begin, begin + k));
    }
  };
  sub(size1, 0n, size2, true);
  return plan;
};

/** Every node a plan reads, once each. */
export const planNodes = (plan: ProofPlan): NodeId[] => {
  const seen = new Map<string, NodeId>();
  for (const item of plan) for (const id of item) seen.set(nodeKey(id), id);
  return [...seen.values()];
};

export type NodeLookup = (id: NodeId) => Uint8Array;

/** Hashes a plan with the nodes it names. */
export const assemble = (plan: ProofPlan, lookup: NodeLookup): Uint8Array[] => plan.map((item) => foldRight(item.map(lookup)));

export const rootPlan = (treeSize: bigint): NodeId[] => rangeNodes(0n, treeSize);

/** A lookup over fetched nodes that fails loudly when storage lacks one. */
export const lookupIn = (nodes: readonly StoredNode[]): NodeLookup => {
  const byKey = new Map(nodes.map((n) => [nodeKey(n), n.hash]));
  return (id) => {
    const hash = byKey.get(nodeKey(id));
    if (hash === undefined) throw new Error(`tree node ${nodeKey(id)} is not stored`);
    return hash;
  };
};

/**
 * Appends one leaf to a tree given its frontier (the hashes of rootPlan(size), largest first).
 * Returns every perfect node the leaf completes (the leaf itself first) and the new frontier.
 * `hashNode`: the service passes node:crypto's (nodeHashOfNodes).
 */
export const appendLeaf = (
  size: bigint,
  frontier: readonly Uint8Array[],
  leaf: Uint8Array,
  hashNode: NodeHash = nodeHash,
): { created: StoredNode[]; frontier: Uint8Array[] } => {
  const next = [...frontier];
  const created: StoredNode[] = [{ level: 0, index: size, hash: leaf }];
  let hash = leaf;
  let index = size;
  let level = 0;
  while ((index & 1n) === 1n) {
    const left = next.pop();
    if (left === undefined) throw new Error('frontier does not match the tree size');
    hash = hashNode(left, hash);
    index >>= 1n;
    level++;
    created.push({ level, index, hash });
  }
  next.push(hash);
  return { created, frontier: next };
};

/** A whole tree in memory (tests, small bundles): every perfect node on demand. */
export class MemoryTree {
  private readonly nodes = new Map<string, Uint8Array>();
  private frontier: Uint8Array[] = [];
  private count = 0n;

  append(leaf: Uint8Array): void {
    const { created, frontier } = appendLeaf(this.count, this.frontier, leaf);
    for (const node of created) this.nodes.set(nodeKey(node), node.hash);
    this.frontier = frontier;
    this.count++;
  }

  get size(): bigint {
    return this.count;
  }

  readonly lookup: NodeLookup = (id) => {
    const hash = this.nodes.get(nodeKey(id));
    if (hash === undefined) throw new Error(`tree node ${nodeKey(id)} does not exist`);
    return hash;
  };

  root(size: bigint = this.count): Uint8Array {
    return foldRight(rootPlan(size).map(this.lookup));
  }

  inclusionProof(leafIndex: bigint, size: bigint = this.count): Uint8Array[] {
    return assemble(inclusionPlan(leafIndex, size), this.lookup);
  }

  consistencyProof(size1: bigint, size2: bigint = this.count): Uint8Array[] {
    return assemble(consistencyPlan(size1, size2), this.lookup);
  }
}
