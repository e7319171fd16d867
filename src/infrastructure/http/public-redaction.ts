import canonicalize from 'canonicalize';
import { Injectable, SetMetadata, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { parseRole, type Role } from '../auth/roles';
import type { Actor } from '../auth/token.service';
import type { ConditionalInterceptor, DeclaredRoute } from './conditional-interceptor';

/**
 * Field classes of public views (docs/architecture.md "Faults and public views"): published content
 * (titles, published texts, counts, dates) may be shown; person references and free text an actor
 * wrote in the course of a step (reasons, notes, comments) never are without a token that may see
 * them. Keys are matched by name at any depth, so a new read-model field with such a name is
 * withheld from public responses by default.
 */
const PERSON_REFERENCE =
  /^(actor|personRef|personRefs|[a-z]+Refs|(resident|cadre|relative|signer|member|complainant|appellant|officeHolder|invokedBy)Ref|countersignedBy|approvedBy|signers?|attendance|notified|informed|dissenters|participants)$/;
/** A resident's question and the answer to it, grounds of an appeal, a justification: written by an actor, never published content. */
const ACTOR_FREE_TEXT = /^(reason|reasons|[a-z]+Reason|note|notes|comment|comments|text|changeSummary|refusedByRole|question|answer|grounds|detail|message|justification|subject)$/;
/** Request identifiers the caller chose (Idempotency-Key, X-Correlation-Id, X-Causation-Id): free text too. */
const CALLER_CHOSEN_IDS = /^(commandId|correlationId|causationId)$/;

export const isWithheldFromPublic = (key: string): boolean => PERSON_REFERENCE.test(key) || ACTOR_FREE_TEXT.test(key) || CALLER_CHOSEN_IDS.test(key);

/** The value without person references and actor free text, at any depth. */
export const redactForPublic = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactForPublic);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isWithheldFromPublic(k) && (typeof v === 'string' || Array.isArray(v) || v === null)) continue;
    out[k] = redactForPublic(v);
  }
  return out;
};

/** Whether a top-level field shows in public views as it is (the redaction leaves it unchanged at every depth). */
export const showsInPublicAsIs = (key: string, value: unknown): boolean => canonicalize(redactForPublic({ [key]: value })) === canonicalize({ [key]: value });

/**
 * Who may read the person references and free text of a community's records: the global audit
 * roles, the community's own bodies, and the township / street bodies above it.
 */
const GLOBAL_READERS = new Set(['auditor', 'civil_affairs_office']);
const COMMUNITY_READERS = new Set(['villagers_committee', 'residents_committee', 'community_committee', 'supervision_committee', 'community_party_organisation', 'party_organisation']);
const TOWNSHIP_READERS = new Set(['township_government', 'street_office', 'township_party_committee']);

export const mayReadPersonalData = (actor: Actor | undefined, place: { communityId: string; townshipRef?: string }): boolean => {
  if (actor === undefined) return false;
  const roles = actor.roles.map(parseRole).filter((r): r is Role => r !== undefined);
  return roles.some(
    (r) =>
      (GLOBAL_READERS.has(r.role) && r.scopeKind === undefined) ||
      (COMMUNITY_READERS.has(r.role) && r.scopeKind === 'community' && r.scopeId === place.communityId) ||
      (TOWNSHIP_READERS.has(r.role) && r.scopeKind === 'township' && place.townshipRef !== undefined && r.scopeId === place.townshipRef),
  );
};

const DECIDES_PERSONAL_DATA = 'civic-ledger:decides-personal-data';

/** A public route that answers the full record to readers who may see it and redacts it itself otherwise. */
export const DecidesPersonalData = (): MethodDecorator => SetMetadata(DECIDES_PERSONAL_DATA, true);

/** Every @Public route's answer is redacted, unless the route decides itself (@DecidesPersonalData). */
@Injectable()
export class PublicRedactionInterceptor implements ConditionalInterceptor {
  constructor(private readonly reflector: Reflector) {}

  appliesTo(context: ExecutionContext): boolean {
    return context.getType() === 'http' && this.redacts(context.getHandler(), context.getClass());
  }

  mayApplyToRoute(route: DeclaredRoute): boolean {
    return this.redacts(route.handler, route.controller);
  }

  private redacts(handler: Function, controller: Function): boolean {
    const targets = [handler, controller];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;
    return isPublic && this.reflector.getAllAndOverride<boolean>(DECIDES_PERSONAL_DATA, targets) !== true;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.appliesTo(context)) return next.handle();
    return next.handle().pipe(map(redactForPublic));
  }
}
