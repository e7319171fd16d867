import { hash } from 'node:crypto';
import { eventLeafHash } from '../../transparency/event-leaf';
import type { LeafHash, NodeHash } from '../../transparency/merkle-hash';
import { appendLeaf, foldRight, type StoredNode } from '../../transparency/merkle-tree';

/**
 * The transparency log's two hashes (RFC 9162) with node:crypto, for the service: the same bytes as
 * src/transparency's `leafHash` and `nodeHash` (@noble/hashes, which the browser's verifier needs;
 * test/transparency/node-merkle-hash.spec.ts compares them). The service hashes every event's leaf
 * and the nodes it completes in its own thread; in pure JavaScript that was ~2.7% of a command's CPU
 * in the W6 profile. The service's tree code (builder, start-up check, verify, stored roots) goes
 * through the three functions at the end, which pass them to the shared eventLeafHash, appendLeaf and
 * foldRight.
 */
const prefixed = (prefix: number, ...parts: readonly Uint8Array[]): Uint8Array => {
  const input = Buffer.allocUnsafe(1 + parts.reduce((n, part) => n + part.length, 0));
  input[0] = prefix;
  let offset = 1;
  for (const part of parts) {
    input.set(part, offset);
    offset += part.length;
  }
  return hash('sha256', input, 'buffer');
};

/** SHA-256(0x00 || leaf data). */
export const nodeLeafHash: LeafHash = (leafData) => prefixed(0, leafData);

/** SHA-256(0x01 || left || right). */
export const nodeHashOfNodes: NodeHash = (left, right) => prefixed(1, left, right);

/** An event's leaf hash (its global position and event hash), hashed here. */
export const eventLeaf = (globalPosition: bigint, eventHash: string): Uint8Array => eventLeafHash(globalPosition, eventHash, nodeLeafHash);

/** appendLeaf with the nodes hashed here: every node the leaf completes and the new frontier. */
export const appendToFrontier = (size: bigint, frontier: readonly Uint8Array[], leaf: Uint8Array): { created: StoredNode[]; frontier: Uint8Array[] } =>
  appendLeaf(size, frontier, leaf, nodeHashOfNodes);

/** The root of a tree given its frontier, hashed here. */
export const rootOfFrontier = (frontier: readonly Uint8Array[]): Uint8Array => foldRight(frontier, nodeHashOfNodes);
