import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ForbiddenError, ValidationError, type FieldProblem } from '../../domain/shared';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { RequestValidationPipe, unsafeInput } from '../http/validation';
import { IS_PUBLIC, REQUIRED_ROLES, SCOPE_RESOLVERS, type AuthenticatedRequest, type ScopeResolver } from './auth.decorators';
import { parseRole, satisfies, type Role, type RoleRequirement } from './roles';
import { InvalidTokenError, TokenService } from './token.service';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Global guard: bearer token -> `request.actor`; missing or bad token 401 (except on @Public
 * routes, where a token is optional); missing role or wrong scope 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header === undefined) {
      if (isPublic) return true;
      throw new UnauthorizedException('a bearer token is required');
    }
    const match = BEARER.exec(header);
    if (match === null) throw new UnauthorizedException('Authorization must be "Bearer <token>"');
    try {
      request.actor = await this.tokens.verify(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const required = this.reflector.getAllAndOverride<readonly RoleRequirement[]>(REQUIRED_ROLES, targets);
    if (required === undefined || required.length === 0) return true;
    const held = request.actor.roles.map(parseRole).filter((r): r is Role => r !== undefined);
    for (const requirement of required) {
      const scopeId = requirement.scopeKind === undefined ? undefined : await this.scopeId(requirement.scopeKind, context, request);
      if (held.some((role) => satisfies(role, requirement, scopeId))) return true;
    }
    throw new ForbiddenError('AUTH.ROLE_REQUIRED', `this step needs one of the roles ${required.map(describe).join(', ')}`);
  }

  private async scopeId(kind: string, context: ExecutionContext, request: AuthenticatedRequest): Promise<string> {
    const resolver = this.reflector.getAllAndOverride<ScopeResolver>(`${SCOPE_RESOLVERS}:${kind}`, [context.getHandler(), context.getClass()]);
    const key = `${kind}Id`;
    // Resolvers run before the validation pipe: refuse text the store cannot even look up.
    const unsafe: FieldProblem[] = [];
    unsafeInput(request.params, '', unsafe);
    unsafeInput(request.body, '', unsafe);
    unsafeInput(request.query, '', unsafe);
    if (unsafe.length > 0) throw new ValidationError('the request has invalid fields', unsafe);
    const found = resolver !== undefined ? await resolver(request, this.moduleRef) : defaultScope(request, key);
    if (typeof found !== 'string' || found === '') {
      // The scope usually sits in the body: when it is missing, answer as the validation pipe would,
      // with every invalid field, rather than with the scope field alone.
      await validateBody(context, request.body);
      throw new ValidationError(`the ${kind} this request acts on is needed to check the caller's role`, [{ field: key, message: `${key} must be a non-empty string` }]);
    }
    return found;
  }
}

const validateBody = async (context: ExecutionContext, body: unknown): Promise<void> => {
  const handler = context.getHandler().name;
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler) ?? {}) as Record<string, { index: number }>;
  const types = (Reflect.getMetadata('design:paramtypes', context.getClass().prototype, handler) ?? []) as unknown[];
  const bodyArg = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  const metatype = bodyArg === undefined ? undefined : types[bodyArg[1].index];
  if (typeof metatype !== 'function') return;
  await new RequestValidationPipe().transform(body, { type: 'body', metatype: metatype as never, data: undefined });
};

const describe = (r: RoleRequirement): string => (r.scopeKind === undefined ? r.role : `${r.role}@${r.scopeKind}`);

const defaultScope = (request: AuthenticatedRequest, key: string): unknown => {
  const body: unknown = request.body;
  const fromBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  return request.params?.[key] ?? fromBody ?? request.query?.[key];
};
