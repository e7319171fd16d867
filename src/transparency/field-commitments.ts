import canonicalize from 'canonicalize';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { toHex, utf8 } from './bytes';
import type { EnvelopeFields } from './event-leaf';

/**
 * The field-commitment hash scheme `sd-1` (docs/architecture.md "The event envelope"): the canonical
 * envelope holds, instead of `data` and `metadata`, one salted digest per top-level field, so that a
 * proof bundle can reveal some fields and withhold the others while the event hash, the chain, the
 * tree leaf and the inclusion proof still verify (as SD-JWT disclosures, RFC 9901):
 *
 *   event key = HMAC-SHA256(commitment secret, eventId)              (hex; one per event)
 *   salt      = SHA-256(event key "\n" path)                        (hex; path = "data.<name>" or "metadata.<name>")
 *   digest    = SHA-256(RFC 8785 JSON of [salt, path, value])        (hex)
 *
 * One HMAC per event, not per field (the append path hashes every event): the event key is secret
 * and of fixed length, so SHA-256 under it is a keyed function whose only extension (SHA-256's length
 * extension) yields salts of paths no event has. The salt is 256 bits the reader cannot guess, so a withheld low-entropy value (a phone number, a
 * person reference) cannot be found again from its digest. An event says which scheme it uses by
 * `metadata.hashScheme` in the store and by `hashScheme` inside the hashed bytes: an event without
 * it is hashed as before (the whole envelope), so events stored before keep verifying.
 */
export const HASH_SCHEME = 'sd-1';
export type HashScheme = typeof HASH_SCHEME;
export const SCHEME_KEY = 'hashScheme';

export type Section = 'data' | 'metadata';
export const SECTIONS: readonly Section[] = ['data', 'metadata'];

/** The hash primitives, so the service can use node:crypto and the browser @noble/hashes (same results). */
export type Sha256Primitives = Readonly<{ sha256Hex(text: string): string; hmacHex(key: Uint8Array, text: string): string }>;

export const nobleSha256: Sha256Primitives = {
  sha256Hex: (text) => toHex(sha256(utf8(text))),
  hmacHex: (key, text) => toHex(hmac(sha256, key, utf8(text))),
};

export const fieldPath = (section: Section, name: string): string => `${section}.${name}`;
/** The salts of one event's fields: an event key from the secret (one HMAC), a salt per path from it. */
export const fieldSalts = (hash: Sha256Primitives, secret: Uint8Array, eventId: string): ((path: string) => string) => {
  const prefix = `${hash.hmacHex(secret, eventId)}\n`;
  return (path) => hash.sha256Hex(prefix + path);
};

/** A field's path and the path's JSON text. */
type FieldPathText = Readonly<{ path: string; json: string }>;
/** Cached per section and name, and names' JSON text: the events of a type share their field names (bounded all the same). */
const PATH_TEXTS: Readonly<Record<Section, Map<string, FieldPathText>>> = { data: new Map(), metadata: new Map() };
const NAME_TEXTS = new Map<string, string>();
const MAX_CACHED_NAMES = 4096;

const pathText = (section: Section, name: string): FieldPathText => {
  const cache = PATH_TEXTS[section];
  let text = cache.get(name);
  if (text === undefined) {
    const path = fieldPath(section, name);
    text = { path, json: JSON.stringify(path) };
    if (cache.size < MAX_CACHED_NAMES) cache.set(name, text);
  }
  return text;
};

const nameText = (name: string): string => {
  let text = NAME_TEXTS.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (NAME_TEXTS.size < MAX_CACHED_NAMES) NAME_TEXTS.set(name, text);
  }
  return text;
};

const canonical = (value: unknown): string => {
  // RFC 8785 writes strings, booleans, null and finite numbers as JSON.stringify does (so does canonicalize).
  if (typeof value === 'string' || typeof value === 'boolean' || value === null || (typeof value === 'number' && Number.isFinite(value))) return JSON.stringify(value);
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
};

/** The digest of a field whose path's JSON text is `pathJson`; the salt is 64 hex digits, its own JSON within quotes. */
const digestOf = (hash: Sha256Primitives, salt: string, pathJson: string, value: unknown): string => hash.sha256Hex(`["${salt}",${pathJson},${canonical(value)}]`);

/**
 * SHA-256 of the RFC 8785 JSON of [salt, path, value] (written out: the array of two strings and the
 * canonical value). The salt is 64 hex digits, as fieldSalts gives them and digestsOfOpenings checks them.
 */
export const fieldDigest = (hash: Sha256Primitives, salt: string, path: string, value: unknown): string => digestOf(hash, salt, JSON.stringify(path), value);

/** Whether the stored metadata marks the event as hashed under the field-commitment scheme. */
export const usesFieldCommitments = (metadata: unknown): boolean =>
  typeof metadata === 'object' && metadata !== null && (metadata as Record<string, unknown>)[SCHEME_KEY] === HASH_SCHEME;

/** The top-level fields of a section as hashed: the metadata without its scheme marker. */
export const sectionFields = (section: Section, value: unknown): [string, unknown][] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`event ${section} is not an object`);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return section === 'metadata' ? entries.filter(([k]) => k !== SCHEME_KEY) : entries;
};

export type SectionDigests = Readonly<Record<Section, Readonly<Record<string, string>>>>;

/**
 * RFC 8785 JSON of an object of digests: keys sorted by UTF-16 code units (as canonicalize sorts
 * them); each digest is 64 hex digits (as fieldDigest gives them and digestsOfOpenings checks them),
 * its own JSON within quotes.
 */
const canonicalDigests = (digests: Readonly<Record<string, string>>): string => {
  let text = '';
  for (const name of Object.keys(digests).sort()) {
    const digest = digests[name];
    if (digest !== undefined) text += `${text === '' ? '' : ','}${nameText(name)}:"${digest}"`;
  }
  return `{${text}}`;
};

/**
 * The canonical envelope of an `sd-1` event: what its hash covers. Written out in RFC 8785 key
 * order (data, eventId, hashScheme, metadata, prevHash, schemaVersion, stream, streamRevision,
 * type): the same text canonicalize gives for the object, without its generic walk (the append path
 * builds one per event; test/transparency/field-commitments.spec.ts compares the two).
 */
export const committedEnvelope = (fields: Omit<EnvelopeFields, 'data' | 'metadata'>, digests: SectionDigests): string =>
  `{"data":${canonicalDigests(digests.data)},"eventId":${canonical(fields.eventId)},"${SCHEME_KEY}":"${HASH_SCHEME}",` +
  `"metadata":${canonicalDigests(digests.metadata)},"prevHash":${canonical(fields.prevHash)},"schemaVersion":${canonical(fields.schemaVersion)},` +
  `"stream":${canonical(fields.stream)},"streamRevision":${canonical(fields.streamRevision.toString())},"type":${canonical(fields.type)}}`;

/** One field of an `sd-1` event in a bundle: disclosed (salt and value) or withheld (its digest only). */
export type FieldOpening = Readonly<{ salt: string; value: unknown }> | Readonly<{ digest: string }>;
export type SectionOpenings = Readonly<Record<Section, Readonly<Record<string, FieldOpening>>>>;

const HEX64 = /^[0-9a-f]{64}$/;

/** The digests the openings stand for, or why they are malformed. */
export const digestsOfOpenings = (hash: Sha256Primitives, openings: unknown): SectionDigests | string => {
  if (typeof openings !== 'object' || openings === null) return 'field openings are { data, metadata }';
  const out: Record<Section, Record<string, string>> = { data: {}, metadata: {} };
  for (const section of SECTIONS) {
    const fields = (openings as Record<string, unknown>)[section];
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return `${section}: an object of field openings`;
    for (const [name, opening] of Object.entries(fields as Record<string, unknown>)) {
      const path = fieldPath(section, name);
      if (section === 'metadata' && name === SCHEME_KEY) return `${path}: the scheme marker is not a field`;
      if (name === '__proto__') return `${path}: not a field name`;
      if (typeof opening !== 'object' || opening === null || Array.isArray(opening)) return `${path}: { salt, value } or { digest }`;
      const keys = Object.keys(opening).sort().join();
      const o = opening as Record<string, unknown>;
      if (keys === 'salt,value' && typeof o['salt'] === 'string' && HEX64.test(o['salt'])) out[section][name] = fieldDigest(hash, o['salt'], path, o['value']);
      else if (keys === 'digest' && typeof o['digest'] === 'string' && HEX64.test(o['digest'])) out[section][name] = o['digest'];
      else return `${path}: { salt, value } or { digest } with 64 hex digits`;
    }
  }
  return out;
};

/**
 * Opens a stored `sd-1` event's fields with the commitment secret: every field disclosed, except
 * those `withhold` names, which are given as digests only.
 */
export const openFields = (
  hash: Sha256Primitives,
  secret: Uint8Array,
  event: Readonly<{ eventId: string; data: unknown; metadata: unknown }>,
  withhold: (section: Section, name: string, value: unknown) => boolean = () => false,
): SectionOpenings => {
  const out: Record<Section, Record<string, FieldOpening>> = { data: {}, metadata: {} };
  const saltOf = fieldSalts(hash, secret, event.eventId);
  for (const section of SECTIONS) {
    for (const [name, value] of sectionFields(section, event[section])) {
      const path = fieldPath(section, name);
      const salt = saltOf(path);
      out[section][name] = withhold(section, name, value) ? { digest: fieldDigest(hash, salt, path, value) } : { salt, value };
    }
  }
  return out;
};

/** The digests of a stored `sd-1` event's fields under the commitment secret (the append path: no openings built). */
export const digestFields = (hash: Sha256Primitives, secret: Uint8Array, event: Readonly<{ eventId: string; data: unknown; metadata: unknown }>): SectionDigests => {
  const saltOf = fieldSalts(hash, secret, event.eventId);
  return { data: sectionDigests(hash, saltOf, 'data', event.data), metadata: sectionDigests(hash, saltOf, 'metadata', event.metadata) };
};

/** The digests of one section's fields, in one pass (the fields sectionFields gives). */
const sectionDigests = (hash: Sha256Primitives, saltOf: (path: string) => string, section: Section, value: unknown): Record<string, string> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`event ${section} is not an object`);
  const out: Record<string, string> = {};
  const fields = value as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    const field = fields[name];
    if (field === undefined || (section === 'metadata' && name === SCHEME_KEY)) continue;
    const { path, json } = pathText(section, name);
    out[name] = digestOf(hash, saltOf(path), json, field);
  }
  return out;
};
