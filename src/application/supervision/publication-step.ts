import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { publicationDecider, toPublicationStreamId, type DraftPublication, type PublicationCommand } from '../../domain/publication';
import { NotFoundError, localDate } from '../../domain/shared';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';
import type { RuleSettings } from '../community/community-facts';
import type { EventStore } from '../ports/event-store.port';
import { loadCommunityWithPlace } from '../community/community-facts';
import { supervisionPolicyFor } from './supervision-facts';
import { ProcedureStepHandler } from '../command-handling/procedure-step-handler';

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
export class PublicationStepHandler extends ProcedureStepHandler<RuleSettings> implements ICommandHandler<PublicationStepCommand> {
  async execute({ step, request }: PublicationStepCommand): Promise<CommandResult> {
    const deps = this.deps;
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
