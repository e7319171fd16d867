import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from './bytes';

/** RFC 9162 section 2.1.1 hashing with SHA-256: 0x00 before a leaf, 0x01 before two children. */
export const HASH_SIZE = 32;
const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

export const leafHash = (leafData: Uint8Array): Uint8Array => sha256(concatBytes(LEAF_PREFIX, leafData));

export const nodeHash = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(concatBytes(NODE_PREFIX, left, right));

/** A leaf and a node hash as leafHash and nodeHash compute them; the service passes node:crypto's (infrastructure/transparency/node-merkle-hash.ts). */
export type LeafHash = typeof leafHash;
export type NodeHash = typeof nodeHash;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));
