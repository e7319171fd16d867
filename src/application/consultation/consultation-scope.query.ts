import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EVENT_TYPE_REGISTRY } from '../command-handling/tokens';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import { consultationNotFound, loadConsultation } from './consultation-outside-facts';

export type ConsultationScope = Readonly<{ communityId: string; townshipId: string }>;

/** The community and township a consultation belongs to (for role checks); 404 when unknown. */
export class GetConsultationScopeQuery extends Query<ConsultationScope> {
  constructor(readonly consultationId: string) {
    super();
  }
}

@QueryHandler(GetConsultationScopeQuery)
export class GetConsultationScopeHandler implements IQueryHandler<GetConsultationScopeQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
  ) {}

  async execute({ consultationId }: GetConsultationScopeQuery): Promise<ConsultationScope> {
    const { state } = await loadConsultation({ eventStore: this.eventStore, registry: this.registry }, consultationId);
    if (state.status === 'NotStarted') throw consultationNotFound(consultationId);
    return { communityId: state.communityId, townshipId: state.townshipId };
  }
}
