import type { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES, SCOPE_RESOLVERS, type ScopeResolver } from './auth.decorators';
import type { RoleRequirement } from './roles';

/** A handler or controller class, as the Reflector takes them. */
type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/** What the auth decorators say about one route (method metadata over class metadata, as getAllAndOverride reads it). */
export type RouteAuth = Readonly<{
  isPublic: boolean;
  required: readonly RoleRequirement[] | undefined;
  /** The route's @ScopeFrom resolver for a scope kind (undefined: look the id up by name). */
  resolver(kind: string): ScopeResolver | undefined;
}>;

/**
 * The auth metadata of each route, read from the Reflector once per handler and controller class
 * (both are the keys: an inherited handler may sit under a class with other metadata). Decorators
 * set it when the classes are defined, before the app starts, so it does not change while requests
 * run. One per guard (per app): the four to six metadata lookups and their arrays per request were
 * about 1% of a command's CPU in the W6 profiles.
 */
export class RouteAuthCache {
  private readonly byHandler = new WeakMap<object, WeakMap<object, RouteAuth>>();

  constructor(private readonly reflector: Reflector) {}

  of(handler: object, controller: object): RouteAuth {
    let byClass = this.byHandler.get(handler);
    if (byClass === undefined) this.byHandler.set(handler, (byClass = new WeakMap()));
    let auth = byClass.get(controller);
    if (auth === undefined) byClass.set(controller, (auth = this.read(handler, controller)));
    return auth;
  }

  private read(handler: object, controller: object): RouteAuth {
    const targets = [handler, controller] as Target[];
    const resolvers = new Map<string, ScopeResolver | undefined>();
    return {
      isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      required: this.reflector.getAllAndOverride<readonly RoleRequirement[] | undefined>(REQUIRED_ROLES, targets),
      resolver: (kind) => {
        if (!resolvers.has(kind)) resolvers.set(kind, this.reflector.getAllAndOverride<ScopeResolver | undefined>(`${SCOPE_RESOLVERS}:${kind}`, targets));
        return resolvers.get(kind);
      },
    };
  }
}
