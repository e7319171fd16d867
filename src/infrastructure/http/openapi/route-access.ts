import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES } from '../../auth/auth.decorators';
import type { RoleRequirement } from '../../auth/roles';
import { STREAM_RESOURCE } from '../read-contract/stream-etag';

/** Who may call one route, read from the metadata the AuthGuard enforces (the one source). */
export type RouteAccess = Readonly<{
  controller: string;
  method: string;
  /** Anyone, without a token. */
  public: boolean;
  /** Any one of these; empty and not public: any valid token. */
  roles: readonly string[];
  streamResource: boolean;
  /** The classes of its @Query() parameters (their validation constraints go into the document). */
  queryDtos: readonly Function[];
}>;

const describe = (r: RoleRequirement): string => (r.scopeKind === undefined ? r.role : `${r.role}@${r.scopeKind}`);

/** Every controller method of the app with its access rule, keyed `Controller_method` (Nest's default operationId). */
export const routeAccess = (app: INestApplication): Map<string, RouteAccess> => {
  const out = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (typeof controller !== 'function') continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const get = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
        const roles = get<readonly RoleRequirement[]>(REQUIRED_ROLES) ?? [];
        out.set(`${controller.name}_${method}`, {
          controller: controller.name,
          method,
          public: get<boolean>(IS_PUBLIC) === true,
          roles: roles.map(describe),
          streamResource: Reflect.getMetadata(STREAM_RESOURCE, handler) === true,
          queryDtos: queryDtosOf(controller, method),
        });
      }
    }
  }
  return out;
};

const queryDtosOf = (controller: Function, method: string): Function[] => {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
  return Object.entries(args)
    .filter(([key]) => key.split(':')[0] === String(RouteParamtypes.QUERY))
    .map(([, { index }]) => types[index])
    .filter((t): t is Function => typeof t === 'function' && t !== Object && t !== String);
};

/** The sentence the OpenAPI description and docs/roles.md use for a route's access rule. */
export const accessSentence = (access: RouteAccess): string => {
  if (access.public) return 'Public: no token needed (a token is accepted and ignored).';
  if (access.roles.length === 0) return 'Any valid bearer token.';
  const scoped = access.roles.some((r) => r.includes('@'));
  return `Bearer token with one of the roles: ${access.roles.map((r) => `\`${r}\``).join(', ')}.${scoped ? ' `role@kind` means the role scoped to the community or township the request acts on (`role@kind:id` in the token); a global role (auditor, civil_affairs_office, log_administrator, provincial_government) held without scope also qualifies.' : ''}`;
};
