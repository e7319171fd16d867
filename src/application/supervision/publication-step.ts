import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { publicationDecider, toPublicationStreamId, type DraftPublication, type PublicationCommand } from '../../domain/publication';
import { NotFoundError, localDate } from '../../domain/shared';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';
import { APP_CONFIG, CLOCK, EVENT_STORE, EVENT_TYPE_REGISTRY } from '../command-handling/tokens';
import type { RuleSettings } from '../community/community-facts';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import { loadCommunityWithPlace } from '../community/community-facts';
import { supervisionPolicyFor } from './supervision-facts';

type DraftFacts = 'communityKind' | 'reviewRequired' | 'policyVersion';
type PostFacts = 'timeZone' | 'ruleSwitchDate';
type StepOf<C> = C extends PublicationCommand ? Readonly<{ type: C['type']; data: Omit<C['data'], DraftFacts | PostFacts> }> : never;

/** A publication step as the edge sends it: never the community's kind, the policy or the switch date. */
export type PublicationStep = StepOf<PublicationCommand>;

export class PublicationStepCommand extends Command<CommandResult> {
  constructor(readonly step: PublicationStep, readonly request: CommandRequest) {
    super();
  }
}

/** The community a publication belongs to, from the first event of its stream (scopes and outside facts). */
export const communityOfPublication = async (eventStore: EventStore, publicationId: string): Promise<string> => {
  const [first] = await eventStore.readStream(toPublicationStreamId(publicationId), { maxCount: 1 });
  const communityId = (first?.data as { communityId?: unknown } | undefined)?.communityId;
  if (typeof communityId !== 'string') throw new NotFoundError('PUBLICATION.NOT_FOUND', `No publication ${publicationId}`);
  return communityId;
};

@CommandHandler(PublicationStepCommand)
export class PublicationStepHandler implements ICommandHandler<PublicationStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly settings: RuleSettings,
  ) {}

  async execute({ step, request }: PublicationStepCommand): Promise<CommandResult> {
    const deps = { eventStore: this.eventStore, registry: this.registry };
    const stream = toPublicationStreamId(step.data.publicationId);
    if (step.type === 'DraftPublication') {
      const d = step.data as Omit<DraftPublication['data'], DraftFacts>;
      const community = await loadCommunityWithPlace(deps, d.communityId);
      const policy = await supervisionPolicyFor(deps, community, localDate(request.occurredAt ?? this.clock.now(), community.timeZone));
      const data = { ...d, communityKind: community.kind, reviewRequired: policy.publicationReviewRequired, policyVersion: policy.version };
      return this.pipeline.run(publicationDecider, stream, { type: step.type, data }, request);
    }
    if (step.type === 'PostPublication') {
      const community = await loadCommunityWithPlace(deps, await communityOfPublication(this.eventStore, step.data.publicationId));
      const data = { ...step.data, timeZone: community.timeZone, ruleSwitchDate: this.settings.organicLaw2025Effective };
      return this.pipeline.run(publicationDecider, stream, { type: step.type, data }, request);
    }
    return this.pipeline.run(publicationDecider, stream, step as Pick<PublicationCommand, 'type' | 'data'>, request);
  }
}
