import { Inject, Injectable } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { HttpRequest } from '../http-types';
import { EVENT_STORE } from '../../../application/command-handling/tokens';
import type { EventStore } from '../../../application/ports/event-store.port';
import { NotFoundError, type ProblemCodeOf } from '../../../domain/shared';
import { toAssignmentStreamId, toChangeRequestStreamId } from '../../../domain/work-item-lists';
import { ScopeFrom } from '../../auth/auth.decorators';

/** Scope ids for the role checks, read from the first event of the stream a route acts on (never from the read models, which may lag). */
@Injectable()
export class WorkListScopes {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async of(stream: string, code: ProblemCodeOf<'not_found'>, what: string): Promise<Record<string, unknown>> {
    const [first] = await this.eventStore.readStream(stream, { maxCount: 1 });
    if (first === undefined) throw new NotFoundError(code, `No ${what}`);
    return first.data as Record<string, unknown>;
  }
}

const scopes = (moduleRef: ModuleRef): WorkListScopes => moduleRef.get(WorkListScopes, { strict: false });
const param = (request: HttpRequest, name: string): string => String(request.params[name]);
const bodyField = (request: HttpRequest, name: string): string | undefined => {
  const body: unknown = request.body;
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
};

const changeRequest = async (request: HttpRequest, moduleRef: ModuleRef) =>
  scopes(moduleRef).of(toChangeRequestStreamId(param(request, 'changeRequestId')), 'CHANGE_REQUEST.NOT_FOUND', `change request ${param(request, 'changeRequestId')}`);

/** The jurisdiction and the applying department of the change request in the route. */
export const ScopesOfChangeRequest = (): MethodDecorator => {
  const jurisdiction = ScopeFrom('jurisdiction', async (request, moduleRef) => String((await changeRequest(request, moduleRef))['jurisdictionId']));
  const department = ScopeFrom('department', async (request, moduleRef) => String((await changeRequest(request, moduleRef))['departmentRef']));
  return (target, key, descriptor) => {
    jurisdiction(target, key, descriptor);
    department(target, key, descriptor);
  };
};

/** The community of the assignment in the route. */
export const CommunityOfAssignment = ScopeFrom('community', async (request, moduleRef) =>
  String((await scopes(moduleRef).of(toAssignmentStreamId(param(request, 'assignmentId')), 'ASSIGNMENT.NOT_FOUND', `assignment ${param(request, 'assignmentId')}`))['communityId']));

/** The department named in the body (`departmentRef`, or `invokedByRef` for exemptions). */
export const DepartmentOfBody = (field = 'departmentRef'): MethodDecorator => ScopeFrom('department', (request) => bodyField(request, field));

/** The first community of `communityIds` in the body (a committee reports for its own community). */
export const FirstCommunityOfBody = ScopeFrom('community', (request) => {
  const body: unknown = request.body;
  const ids = typeof body === 'object' && body !== null ? (body as { communityIds?: unknown }).communityIds : undefined;
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
});
