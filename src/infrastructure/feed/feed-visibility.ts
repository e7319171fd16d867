import { parseRole, type Role } from '../auth/roles';
import type { Actor } from '../auth/token.service';
import type { FeedEvent } from './event-feed';

/**
 * Visibility classes of the one log (docs/architecture.md "Integrators' feed and the transparency log"): `administration` (global
 * auditor, civil-affairs office, log administrator) sees whole envelopes; `committee` (a role
 * scoped to a community) sees whole envelopes of its communities' events; everyone else, and
 * everything else, is `public`.
 */
export type Visibility = Readonly<{ kind: 'public' } | { kind: 'administration' } | { kind: 'committee'; communities: ReadonlySet<string> }>;

const ADMINISTRATION = new Set(['auditor', 'civil_affairs_office', 'log_administrator']);

export const visibilityOf = (actor: Actor | undefined): Visibility => {
  const roles = (actor?.roles ?? []).map(parseRole).filter((r): r is Role => r !== undefined);
  if (roles.some((r) => r.scopeKind === undefined && ADMINISTRATION.has(r.role))) return { kind: 'administration' };
  const communities = new Set(roles.filter((r) => r.scopeKind === 'community' && r.scopeId !== undefined).map((r) => r.scopeId!));
  return communities.size > 0 ? { kind: 'committee', communities } : { kind: 'public' };
};

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const PERSONAL_KEY = /person|actor|member|signer|name|phone|contact|address|resident|citizen|idcard/i;
/**
 * Ids composed of person references (an SV-3 eligibility conflict is `committee:member:cause:holder`):
 * shown only whole, never in a public entry (found by test/e2e/personal-data-walker.e2e-spec.ts).
 */
const PERSON_COMPOSED_ID = /^conflictId$/;

/**
 * The public projection of event data: ids of records, dates, counts and flags. No free text, no
 * person references, nothing nested (lists of persons live in arrays).
 */
export const publicData = (data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (PERSONAL_KEY.test(key) || PERSON_COMPOSED_ID.test(key)) continue;
    if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string' && /Id$/.test(key) && SAFE_ID.test(value)) out[key] = value;
    else if (typeof value === 'string' && /(On|At|Date|From|Until|For|To)$/.test(key) && DATE_LIKE.test(value)) out[key] = value;
    else if (typeof value === 'string' && /(Kind|Type|Status|Basis|Outcome)$|^kind$|^status$/.test(key) && /^[a-z][a-z0-9_]{0,63}$/.test(value)) out[key] = value;
  }
  return out;
};

/**
 * Streams named after a person reference (the person registry's `person-<ref>`): a public entry
 * shows the category only, since the stream id is itself a person reference.
 */
const PERSON_KEYED_STREAMS = ['person-'];

export const publicStream = (stream: string): string => {
  const prefix = PERSON_KEYED_STREAMS.find((p) => stream.startsWith(p));
  return prefix === undefined ? stream : `${prefix}withheld`;
};

export const seesWhole = (visibility: Visibility, event: FeedEvent): boolean =>
  visibility.kind === 'administration' || (visibility.kind === 'committee' && event.community !== null && visibility.communities.has(event.community));

/** One feed entry as the caller may see it; positions and revisions as strings. */
export const toFeedEntry = (event: FeedEvent, visibility: Visibility) => {
  const whole = seesWhole(visibility, event);
  return {
    globalPosition: event.globalPosition.toString(),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    stream: whole ? event.stream : publicStream(event.stream),
    streamRevision: event.streamRevision.toString(),
    community: event.community,
    visibility: whole ? ('whole' as const) : ('public' as const),
    data: whole ? event.data : publicData(event.data),
    metadata: whole ? event.metadata : { occurredAt: event.metadata.occurredAt, recordedAt: event.metadata.recordedAt },
    prevHash: event.prevHash,
    hash: event.hash,
  };
};
