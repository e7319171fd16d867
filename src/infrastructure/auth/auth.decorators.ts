import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { HttpRequest } from '../http/http-types';
import { parseRequirement, type RoleRequirement } from './roles';
import type { Actor } from './token.service';

export const IS_PUBLIC = 'civic-ledger:public';
export const REQUIRED_ROLES = 'civic-ledger:required-roles';
export const SCOPE_RESOLVERS = 'civic-ledger:scope-resolvers';

/** Reads that anyone may make without a token. Everything else needs a valid bearer token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The caller needs at least one of these roles, e.g. `@RequireRoles('villagers_committee@community')`:
 * the role for the community the request acts on (found by the scope resolver), or the role
 * without scope (global).
 */
export const RequireRoles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata<string, readonly RoleRequirement[]>(REQUIRED_ROLES, roles.map(parseRequirement));

/** Returns the id of the scope a request acts on; may throw a DomainError (e.g. 404). */
export type ScopeResolver = (request: HttpRequest, moduleRef: ModuleRef) => string | undefined | Promise<string | undefined>;

/**
 * How to find the scope id of a kind for this route. Without it, `<kind>Id` is looked up in the
 * route params, then the body, then the query string.
 */
export const ScopeFrom = (kind: string, resolver: ScopeResolver): MethodDecorator & ClassDecorator =>
  SetMetadata(`${SCOPE_RESOLVERS}:${kind}`, resolver);

export type AuthenticatedRequest = HttpRequest & { actor?: Actor };

/** The verified actor of the request (undefined on public routes called without a token). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined =>
  ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);
