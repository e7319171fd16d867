import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  communityDecider,
  toCommunityStreamId,
  type ConstituteRepresentativeMeeting,
  type RecordCensusSnapshot,
  type RecordRepresentativeMeetingAuthorisation,
  type RegisterCommunity,
  type StartCommitteeTerm,
} from '../../domain/community';
import { NotFoundError, ValidationError } from '../../domain/shared';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';
import { APP_CONFIG, EVENT_STORE, EVENT_TYPE_REGISTRY } from '../command-handling/tokens';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import { meetingDecisionFacts } from '../meeting/meeting-decision-facts';
import type { RuleSettings } from './community-facts';

type Data<C extends { data: unknown }> = C['data'];

export class RegisterCommunityCommand extends Command<CommandResult> {
  constructor(readonly data: Omit<Data<RegisterCommunity>, 'timeZone'> & { timeZone?: string }, readonly request: CommandRequest) {
    super();
  }
}
export class StartCommitteeTermCommand extends Command<CommandResult> {
  constructor(readonly data: Data<StartCommitteeTerm>, readonly request: CommandRequest) {
    super();
  }
}
export class RecordCensusSnapshotCommand extends Command<CommandResult> {
  constructor(readonly data: Data<RecordCensusSnapshot>, readonly request: CommandRequest) {
    super();
  }
}
export class ConstituteRepresentativeMeetingCommand extends Command<CommandResult> {
  constructor(readonly data: Omit<Data<ConstituteRepresentativeMeeting>, 'ruleSwitchDate'>, readonly request: CommandRequest) {
    super();
  }
}
/** The granting decision is named by the caller and its facts are read from that meeting's stream. */
export class RecordAuthorisationCommand extends Command<CommandResult> {
  constructor(
    readonly data: Omit<Data<RecordRepresentativeMeetingAuthorisation>, 'grantingDecision'> & { grantedByMeetingId: string; grantedByItemId: string },
    readonly request: CommandRequest,
  ) {
    super();
  }
}

@CommandHandler(RegisterCommunityCommand)
export class RegisterCommunityHandler implements ICommandHandler<RegisterCommunityCommand> {
  constructor(private readonly pipeline: CommandPipeline, @Inject(APP_CONFIG) private readonly config: RuleSettings) {}
  execute({ data, request }: RegisterCommunityCommand): Promise<CommandResult> {
    const full = { ...data, timeZone: data.timeZone ?? this.config.timeZone };
    // A registration names a new community: no read unless the stream turns out to exist.
    return this.pipeline.run(communityDecider, toCommunityStreamId(data.communityId), { type: 'RegisterCommunity', data: full }, request, { assumeNewStream: true });
  }
}

@CommandHandler(StartCommitteeTermCommand)
export class StartCommitteeTermHandler implements ICommandHandler<StartCommitteeTermCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}
  execute({ data, request }: StartCommitteeTermCommand): Promise<CommandResult> {
    return this.pipeline.run(communityDecider, toCommunityStreamId(data.communityId), { type: 'StartCommitteeTerm', data }, request);
  }
}

@CommandHandler(RecordCensusSnapshotCommand)
export class RecordCensusSnapshotHandler implements ICommandHandler<RecordCensusSnapshotCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}
  execute({ data, request }: RecordCensusSnapshotCommand): Promise<CommandResult> {
    return this.pipeline.run(communityDecider, toCommunityStreamId(data.communityId), { type: 'RecordCensusSnapshot', data }, request);
  }
}

@CommandHandler(ConstituteRepresentativeMeetingCommand)
export class ConstituteRepresentativeMeetingHandler implements ICommandHandler<ConstituteRepresentativeMeetingCommand> {
  constructor(private readonly pipeline: CommandPipeline, @Inject(APP_CONFIG) private readonly config: RuleSettings) {}
  execute({ data, request }: ConstituteRepresentativeMeetingCommand): Promise<CommandResult> {
    const full = { ...data, ruleSwitchDate: this.config.organicLaw2025Effective };
    return this.pipeline.run(communityDecider, toCommunityStreamId(data.communityId), { type: 'ConstituteRepresentativeMeeting', data: full }, request);
  }
}

@CommandHandler(RecordAuthorisationCommand)
export class RecordAuthorisationHandler implements ICommandHandler<RecordAuthorisationCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
  ) {}
  async execute({ data, request }: RecordAuthorisationCommand): Promise<CommandResult> {
    const { grantedByMeetingId, grantedByItemId, ...rest } = data;
    const facts = await meetingDecisionFacts({ eventStore: this.eventStore, registry: this.registry }, grantedByMeetingId, grantedByItemId);
    if (facts === null) throw new NotFoundError('MEETING.DECISION_NOT_FOUND', `No agenda item ${grantedByItemId} in meeting ${grantedByMeetingId}`);
    if (facts.communityId !== data.communityId) {
      throw new ValidationError('The granting decision belongs to another community', [{ field: 'grantedByMeetingId', message: `a meeting of ${facts.communityId}` }]);
    }
    const grantingDecision = {
      meetingId: facts.meetingId,
      itemId: facts.itemId,
      meetingKind: facts.meetingKind,
      outcome: facts.adopted ? ('adopted' as const) : ('rejected' as const),
      status: facts.status === 'revoked' ? ('revoked' as const) : facts.status === 'corrected' ? ('corrected' as const) : ('in_force' as const),
    };
    return this.pipeline.run(communityDecider, toCommunityStreamId(data.communityId), { type: 'RecordRepresentativeMeetingAuthorisation', data: { ...rest, grantingDecision } }, request);
  }
}

export const COMMUNITY_COMMAND_HANDLERS = [
  RegisterCommunityHandler,
  StartCommitteeTermHandler,
  RecordCensusSnapshotHandler,
  ConstituteRepresentativeMeetingHandler,
  RecordAuthorisationHandler,
];
