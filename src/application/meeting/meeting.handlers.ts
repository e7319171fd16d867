import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorisationsOn, censusInForceOn, NoCensusInForce, NoRepresentativeConstitutionInForce, rosterFor } from '../../domain/community';
import {
  meetingDecider,
  toMeetingStreamId,
  type AddAgendaItem,
  type CloseMeeting,
  type ConveneMeeting,
  type MeetingCommand,
  type OrderCorrection,
  type OverruleByHigherMeeting,
  type PetitionToConvene,
  type RecordAttendance,
  type RecordCourtRevocation,
  type RecordPartyPreDeliberation,
  type RecordVote,
} from '../../domain/meeting';
import { isRepresentativeMeeting, type MeetingKind } from '../../domain/rules';
import { localDate, NotFoundError, ValidationError } from '../../domain/shared';
import type { CommandRequest } from '../command-handling/command-request';
import { aggregateStream, type CommandResult } from '../command-handling/handle-command';
import { loadCommunity, type RuleSettings } from '../community/community-facts';
import { meetingDecisionFacts } from './meeting-decision-facts';
import { ProcedureStepHandler } from '../command-handling/procedure-step-handler';

/** What the caller states; community kind, time zone, roster, authorisations and rule switch date are looked up. */
type Stated<C extends MeetingCommand, K extends string = never> = Omit<C['data'], 'ruleSwitchDate' | K>;

export class PetitionToConveneCommand extends Command<CommandResult> {
  constructor(readonly data: Stated<PetitionToConvene, 'communityKind' | 'roster' | 'timeZone'>, readonly request: CommandRequest) {
    super();
  }
}
export class ConveneMeetingCommand extends Command<CommandResult> {
  constructor(readonly data: Stated<ConveneMeeting, 'communityKind' | 'roster' | 'timeZone'>, readonly request: CommandRequest) {
    super();
  }
}
export class AddAgendaItemCommand extends Command<CommandResult> {
  constructor(readonly data: Stated<AddAgendaItem, 'authorisation'>, readonly request: CommandRequest) {
    super();
  }
}
export class RecordPartyPreDeliberationCommand extends Command<CommandResult> {
  constructor(readonly data: RecordPartyPreDeliberation['data'], readonly request: CommandRequest) {
    super();
  }
}
export class RecordAttendanceCommand extends Command<CommandResult> {
  constructor(readonly data: RecordAttendance['data'], readonly request: CommandRequest) {
    super();
  }
}
export class RecordVoteCommand extends Command<CommandResult> {
  constructor(readonly data: Stated<RecordVote>, readonly request: CommandRequest) {
    super();
  }
}
export class CloseMeetingCommand extends Command<CommandResult> {
  constructor(readonly data: CloseMeeting['data'], readonly request: CommandRequest) {
    super();
  }
}
export class OrderCorrectionCommand extends Command<CommandResult> {
  constructor(readonly data: OrderCorrection['data'], readonly request: CommandRequest) {
    super();
  }
}
export class RecordCourtRevocationCommand extends Command<CommandResult> {
  constructor(readonly data: RecordCourtRevocation['data'], readonly request: CommandRequest) {
    super();
  }
}
export class OverruleByHigherMeetingCommand extends Command<CommandResult> {
  constructor(readonly data: Omit<OverruleByHigherMeeting['data'], 'byDecision'> & { byMeetingId: string; byItemId: string }, readonly request: CommandRequest) {
    super();
  }
}

/** Shared lookups of the meeting handlers: other streams, config and the clock. */
abstract class MeetingHandler extends ProcedureStepHandler<RuleSettings> {
  protected run(command: Readonly<{ type: MeetingCommand['type']; data: MeetingCommand['data'] }>, request: CommandRequest): Promise<CommandResult> {
    return this.pipeline.run(meetingDecider, toMeetingStreamId(command.data.meetingId), command, request);
  }

  protected async meeting(meetingId: string) {
    return (await aggregateStream(this.deps, meetingDecider.evolve, meetingDecider.initialState, toMeetingStreamId(meetingId))).state;
  }

  /** The roster in force on `date` (VM-1, VM-9, RM-1, RM-4); none is a 422 naming what is missing and the rule. */
  protected async rosterFacts(communityId: string, kind: MeetingKind, date: string, groupId?: string) {
    const community = await loadCommunity(this.deps, communityId);
    if (kind === 'village_group_meeting') {
      const known = community.censuses.some((c) => c.villageGroups.some((g) => g.groupId === groupId));
      if (!known) throw new ValidationError('Invalid meeting', [{ field: 'groupId', message: 'a village group of the census in force' }], 'MEETING.INVALID_INPUT');
    }
    const roster = rosterFor(community, kind, date, groupId);
    if (roster === null) {
      // Name what is missing: the census (VM-1, RM-1), the constitution of the representative meeting (VM-9, RM-4) or the group.
      const village = community.kind === 'village';
      if (censusInForceOn(community, date) === null) throw new NoCensusInForce(date, village ? 'VM-1' : 'RM-1');
      if (isRepresentativeMeeting(kind)) throw new NoRepresentativeConstitutionInForce(date, village ? 'VM-9' : 'RM-4');
      throw new ValidationError('Invalid meeting', [{ field: 'groupId', message: `not a village group of the census in force on ${date}` }], 'MEETING.INVALID_INPUT');
    }
    return { communityKind: community.kind, timeZone: community.timeZone, roster };
  }
}

@CommandHandler(PetitionToConveneCommand)
export class PetitionToConveneHandler extends MeetingHandler implements ICommandHandler<PetitionToConveneCommand> {
  async execute({ data, request }: PetitionToConveneCommand): Promise<CommandResult> {
    const community = await loadCommunity(this.deps, data.communityId);
    const date = localDate(request.occurredAt ?? this.clock.now(), community.timeZone);
    const facts = await this.rosterFacts(data.communityId, data.kind, date);
    return this.run({ type: 'PetitionToConvene', data: { ...data, ...facts, ruleSwitchDate: this.settings.organicLaw2025Effective } }, request);
  }
}

@CommandHandler(ConveneMeetingCommand)
export class ConveneMeetingHandler extends MeetingHandler implements ICommandHandler<ConveneMeetingCommand> {
  async execute({ data, request }: ConveneMeetingCommand): Promise<CommandResult> {
    const state = await this.meeting(data.meetingId);
    const petitionedBy = state.status === 'Petitioned' ? state.petitions[0]?.communityId : 'convened' in state ? state.convened.communityId : undefined;
    if (petitionedBy !== undefined && petitionedBy !== data.communityId) {
      throw new ValidationError(`Meeting ${data.meetingId} belongs to another community`, [{ field: 'meetingId', message: `a meeting of ${petitionedBy}` }]);
    }
    const community = await loadCommunity(this.deps, data.communityId);
    const scheduled = new Date(data.scheduledFor);
    if (Number.isNaN(scheduled.getTime())) throw new ValidationError('Invalid meeting', [{ field: 'scheduledFor', message: 'ISO 8601 instant with offset' }], 'MEETING.INVALID_INPUT');
    const facts = await this.rosterFacts(data.communityId, data.kind, localDate(scheduled, community.timeZone), data.groupId);
    return this.run({ type: 'ConveneMeeting', data: { ...data, ...facts, ruleSwitchDate: this.settings.organicLaw2025Effective } }, request);
  }
}

@CommandHandler(AddAgendaItemCommand)
export class AddAgendaItemHandler extends MeetingHandler implements ICommandHandler<AddAgendaItemCommand> {
  async execute({ data, request }: AddAgendaItemCommand): Promise<CommandResult> {
    const state = await this.meeting(data.meetingId);
    let authorisation: AddAgendaItem['data']['authorisation'];
    if ('convened' in state && isRepresentativeMeeting(state.convened.kind)) {
      // VM-6 / RM-7: the plenary's authorisation in force on the meeting date, from the community's stream.
      const community = await loadCommunity(this.deps, state.convened.communityId);
      const found = authorisationsOn(community, state.convened.meetingDate, data.matterType)[0];
      if (found !== undefined) authorisation = { authorisationId: found.authorisationId, matterTypes: found.matterTypes, validFrom: found.validFrom, validUntil: found.validUntil };
    }
    const full = { ...data, ruleSwitchDate: this.settings.organicLaw2025Effective, ...(authorisation === undefined ? {} : { authorisation }) };
    return this.run({ type: 'AddAgendaItem', data: full }, request);
  }
}

@CommandHandler(RecordPartyPreDeliberationCommand)
export class RecordPartyPreDeliberationHandler extends MeetingHandler implements ICommandHandler<RecordPartyPreDeliberationCommand> {
  execute({ data, request }: RecordPartyPreDeliberationCommand): Promise<CommandResult> {
    return this.run({ type: 'RecordPartyPreDeliberation', data }, request);
  }
}

@CommandHandler(RecordAttendanceCommand)
export class RecordAttendanceHandler extends MeetingHandler implements ICommandHandler<RecordAttendanceCommand> {
  execute({ data, request }: RecordAttendanceCommand): Promise<CommandResult> {
    return this.run({ type: 'RecordAttendance', data }, request);
  }
}

@CommandHandler(RecordVoteCommand)
export class RecordVoteHandler extends MeetingHandler implements ICommandHandler<RecordVoteCommand> {
  execute({ data, request }: RecordVoteCommand): Promise<CommandResult> {
    return this.run({ type: 'RecordVote', data: { ...data, ruleSwitchDate: this.settings.organicLaw2025Effective } }, request);
  }
}

@CommandHandler(CloseMeetingCommand)
export class CloseMeetingHandler extends MeetingHandler implements ICommandHandler<CloseMeetingCommand> {
  execute({ data, request }: CloseMeetingCommand): Promise<CommandResult> {
    return this.run({ type: 'CloseMeeting', data }, request);
  }
}

@CommandHandler(OrderCorrectionCommand)
export class OrderCorrectionHandler extends MeetingHandler implements ICommandHandler<OrderCorrectionCommand> {
  execute({ data, request }: OrderCorrectionCommand): Promise<CommandResult> {
    return this.run({ type: 'OrderCorrection', data }, request);
  }
}

@CommandHandler(RecordCourtRevocationCommand)
export class RecordCourtRevocationHandler extends MeetingHandler implements ICommandHandler<RecordCourtRevocationCommand> {
  execute({ data, request }: RecordCourtRevocationCommand): Promise<CommandResult> {
    return this.run({ type: 'RecordCourtRevocation', data }, request);
  }
}

/** VM-8: the overruling decision is read from the higher meeting's stream, never taken from the body. */
@CommandHandler(OverruleByHigherMeetingCommand)
export class OverruleByHigherMeetingHandler extends MeetingHandler implements ICommandHandler<OverruleByHigherMeetingCommand> {
  async execute({ data, request }: OverruleByHigherMeetingCommand): Promise<CommandResult> {
    const { byMeetingId, byItemId, ...rest } = data;
    const facts = await meetingDecisionFacts(this.deps, byMeetingId, byItemId);
    if (facts === null) throw new NotFoundError('MEETING.DECISION_NOT_FOUND', `No agenda item ${byItemId} in meeting ${byMeetingId}`);
    const target = await this.meeting(data.meetingId);
    if ('convened' in target && target.convened.communityId !== facts.communityId) {
      throw new ValidationError('The overruling decision belongs to another community', [{ field: 'byMeetingId', message: `a meeting of ${facts.communityId}` }]);
    }
    const byDecision = { meetingId: byMeetingId, itemId: byItemId, meetingKind: facts.meetingKind, outcome: facts.adopted ? ('adopted' as const) : ('rejected' as const), status: facts.status ?? 'in_force' };
    return this.run({ type: 'OverruleByHigherMeeting', data: { ...rest, byDecision } }, request);
  }
}

export const MEETING_COMMAND_HANDLERS = [
  PetitionToConveneHandler,
  ConveneMeetingHandler,
  AddAgendaItemHandler,
  RecordPartyPreDeliberationHandler,
  RecordAttendanceHandler,
  RecordVoteHandler,
  CloseMeetingHandler,
  OrderCorrectionHandler,
  RecordCourtRevocationHandler,
  OverruleByHigherMeetingHandler,
];
