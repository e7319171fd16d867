import { hash } from 'node:crypto';
import type { LeafHash, NodeHash } from '../../transparency/merkle-hash';

/**
 * The transparency log's two hashes (RFC 9162) with node:crypto, for the service: the same bytes as
 * src/transparency's `leafHash` and `nodeHash` (@noble/hashes, which the browser's verifier needs;
 * test/transparency/node-merkle-hash.spec.ts compares them). The service hashes every event's leaf
 * and the nodes it completes in its own thread; in pure JavaScript that was ~2.7% of a command's CPU
 * in the W6 profile. Callers pass them to eventLeafHash, appendLeaf and foldRight.
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
