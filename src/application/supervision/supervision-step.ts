import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { communityDecider, toCommunityStreamId } from '../../domain/community';
import { NotFoundError, localDate } from '../../domain/shared';
import {
  POSTS,
  supervisionDecider,
  supervisionPolicyDecider,
  toSupervisionPolicyStreamId,
  toSupervisionStreamId,
  type AdoptSupervisionPolicyVersion,
  type RecordFundsReceipt,
  type RecordAppraisal,
  type CasebookCommand,
  type SupervisionMember,
  type PublicationComplaintCommand,
  type ExpenditureControlCommand,
} from '../../domain/supervision';
import type { Relation } from '../../domain/supervision';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';
import type { RuleSettings } from '../community/community-facts';
import { meetingDecisionFacts } from '../meeting/meeting-decision-facts';
import { loadCommunityWithPlace } from '../community/community-facts';
import { eligibilityFactsOn, supervisionPolicyFor } from './supervision-facts';
import { meetingDecider, toMeetingStreamId } from '../../domain/meeting';
import { aggregateStream } from '../command-handling/handle-command';
import { ProcedureStepHandler } from '../command-handling/procedure-step-handler';

/** A supervision step as the edge sends it; the handler adds the outside facts (decision, office holders, policy). */
export type SupervisionStep =
  | Readonly<{ type: 'ConstituteSupervisionCommittee'; data: { communityId: string; committeeId: string; termId: string; members: readonly SupervisionMember[]; justification?: string; electedBy: { meetingId: string; itemId: string } } }>
  | Readonly<{ type: 'DeclareKinship'; data: { communityId: string; kinshipId: string; personRef: string; relativeRef: string; relation: Relation } }>
  | Readonly<{ type: 'WithdrawKinship'; data: { communityId: string; kinshipId: string; reason: string } }>
  | Readonly<{ type: 'ReportMisconduct'; data: { communityId: string; reportId: string; title: string; documentHash: string; governmentRef: string; supervisoryOrganRef: string } }>
  | Readonly<{ type: 'RecordOfficeHolders'; data: { communityId: string; termId: string; recordId: string; effectiveFrom: string; holders: readonly { personRef: string; post: string }[] } }>
  | Readonly<{ type: 'AdoptSupervisionPolicyVersion'; data: AdoptSupervisionPolicyVersion['data'] }>
  | Readonly<{ type: 'RecordFundsReceipt'; data: RecordFundsReceipt['data'] }>
  | Readonly<{ type: CasebookCommand['type']; data: Omit<CasebookCommand['data'], 'timeZone'> & Record<string, unknown> }>
  | Readonly<{ type: 'RecordAppraisal'; data: Omit<RecordAppraisal['data'], 'meeting' | 'communityKind' | 'threshold'> & { meetingId: string } }>
  | Readonly<{ type: Exclude<PublicationComplaintCommand['type'], 'FilePublicationComplaint'>; data: Omit<PublicationComplaintCommand['data'], 'timeZone'> & Record<string, unknown> }>
  | Readonly<{ type: 'FilePublicationComplaint'; data: Omit<Extract<PublicationComplaintCommand, { type: 'FilePublicationComplaint' }>['data'], 'timeZone' | 'filedWith'> }>
  | Readonly<{ type: 'AppealExpenditureVeto' | 'CountersignVoucher'; data: Omit<ExpenditureControlCommand['data'], 'timeZone'> & Record<string, unknown> }>
  | Readonly<{ type: 'VetoExpenditure'; data: { communityId: string; vetoId: string; expenditureRef: string; title: string; documentHash: string; grounds: string } }>
  | Readonly<{ type: 'BookVoucher'; data: { communityId: string; voucherId: string; expenditureRef: string; documentHash: string } }>
  | Readonly<{ type: 'DecideExpenditureVetoAppeal'; data: { communityId: string; vetoId: string; meetingId: string; itemId: string } }>;

/** The steps decided on the community's supervision stream. */
type OnSupervisionStream = Exclude<SupervisionStep, Readonly<{ type: 'AdoptSupervisionPolicyVersion' | 'RecordOfficeHolders' }>>;
type CommunityWithPlace = Awaited<ReturnType<typeof loadCommunityWithPlace>>;

export class SupervisionStepCommand extends Command<CommandResult> {
  constructor(readonly step: SupervisionStep, readonly request: CommandRequest) {
    super();
  }
}

/** Every supervision step: the community's facts, the electing decision from the meeting's stream, the policy in force. */
@CommandHandler(SupervisionStepCommand)
export class SupervisionStepHandler extends ProcedureStepHandler<RuleSettings> implements ICommandHandler<SupervisionStepCommand> {
  async execute({ step, request }: SupervisionStepCommand): Promise<CommandResult> {
    if (step.type === 'AdoptSupervisionPolicyVersion') {
      return this.pipeline.run(supervisionPolicyDecider, toSupervisionPolicyStreamId(step.data.localityId), step, request);
    }
    const community = await loadCommunityWithPlace(this.deps, step.data.communityId);
    const today = localDate(request.occurredAt ?? this.clock.now(), community.timeZone);
    if (step.type === 'RecordOfficeHolders') return this.recordOfficeHolders(step.data, request, community.timeZone);
    const data = await this.withOutsideFacts(step, community, today);
    // The decider dispatches on the type; this handler only adds what the step needs from outside.
    return this.pipeline.run(supervisionDecider, toSupervisionStreamId(step.data.communityId), { type: step.type, data } as never, request);
  }

  /**
   * The data the decider needs: the step's own fields, the community's time zone, and for some steps
   * facts read from other streams (the electing or appeal decision, eligibility, the policy in force).
   */
  private async withOutsideFacts(step: OnSupervisionStream, community: CommunityWithPlace, today: string): Promise<Readonly<Record<string, unknown>>> {
    const timeZone = community.timeZone;
    switch (step.type) {
      case 'ConstituteSupervisionCommittee': {
        const { electedBy, ...rest } = step.data;
        const facts = await meetingDecisionFacts(this.deps, electedBy.meetingId, electedBy.itemId);
        if (facts === null) throw new NotFoundError('MEETING.DECISION_NOT_FOUND', `No agenda item ${electedBy.itemId} in meeting ${electedBy.meetingId}`);
        const decision = { meetingId: facts.meetingId, itemId: facts.itemId, communityId: facts.communityId, meetingKind: facts.meetingKind, adopted: facts.adopted, status: facts.status, decidedOn: facts.decidedOn };
        const eligibility = await eligibilityFactsOn(this.deps, community, facts.decidedOn ?? today);
        return { ...rest, decision, eligibility, community: { kind: community.kind, terms: community.terms }, ruleSwitchDate: this.settings.organicLaw2025Effective };
      }
      case 'DeclareKinship':
      case 'WithdrawKinship':
        return { ...step.data, eligibility: await eligibilityFactsOn(this.deps, community, today), timeZone };
      case 'RecordFundsReceipt':
        return step.data;
      case 'RecordAppraisal': {
        // SV-7: the meeting's kind and the day it was held come from its stream; the threshold from the policy in force.
        const { meetingId, ...rest } = step.data;
        const { state } = await aggregateStream(this.deps, meetingDecider.evolve, meetingDecider.initialState, toMeetingStreamId(meetingId));
        if (!('convened' in state)) throw new NotFoundError('MEETING.NOT_FOUND', `No meeting ${meetingId}`);
        const heldOn = 'attendance' in state && state.status !== 'Inquorate' ? state.attendance.heldOn : null;
        const policy = await supervisionPolicyFor(this.deps, community, heldOn ?? today);
        const meeting = { meetingId, communityId: state.convened.communityId, kind: state.convened.kind, heldOn };
        return { ...rest, meeting, communityKind: community.kind, threshold: policy.appraisalThreshold };
      }
      case 'FilePublicationComplaint':
        // PD-4: the complaint goes to the community's township (its place, read from the community's stream).
        return { ...step.data, filedWith: community.townshipRef, timeZone };
      case 'VetoExpenditure': {
        // SV-15 is a local rule: the policy in force today says whether the committee has the veto.
        const policy = await supervisionPolicyFor(this.deps, community, today);
        return { ...step.data, timeZone, policy: { enabled: policy.expenditureVeto === true, policyVersion: policy.version } };
      }
      case 'BookVoucher': {
        // SV-13 三签一章 where the policy in force asks for it.
        const policy = await supervisionPolicyFor(this.deps, community, today);
        return { ...step.data, timeZone, policy: { countersignRequired: policy.voucherCountersignRequired === true, policyVersion: policy.version } };
      }
      case 'DecideExpenditureVetoAppeal': {
        // SV-15: the meeting's decision on the appeal comes from the meeting's stream, never from the body.
        const { meetingId, itemId, ...rest } = step.data;
        const facts = await meetingDecisionFacts(this.deps, meetingId, itemId);
        if (facts === null) throw new NotFoundError('MEETING.DECISION_NOT_FOUND', `No agenda item ${itemId} in meeting ${meetingId}`);
        const decision = { meetingId, itemId, communityId: facts.communityId, meetingKind: facts.meetingKind, outcome: facts.outcome, status: facts.status, decidedOn: facts.decidedOn };
        return { ...rest, timeZone, communityKind: community.kind, decision };
      }
      default:
        // Misconduct reports, the casebook, the complaint's later steps, appeals and co-signing: the time zone only.
        return { ...step.data, timeZone };
    }
  }

  /** The posts change on the community's stream; the supervision committee is re-checked in the same request (SV-3). */
  private async recordOfficeHolders(data: Extract<SupervisionStep, { type: 'RecordOfficeHolders' }>['data'], request: CommandRequest, timeZone: string): Promise<CommandResult> {
    const result = await this.pipeline.run(communityDecider, toCommunityStreamId(data.communityId), { type: 'RecordOfficeHolders', data: { ...data, knownPosts: POSTS } }, request);
    const community = await loadCommunityWithPlace(this.deps, data.communityId);
    const today = localDate(request.occurredAt ?? this.clock.now(), timeZone);
    const eligibility = await eligibilityFactsOn(this.deps, community, today);
    const recheck = { type: 'RecheckSupervisionEligibility' as const, data: { communityId: data.communityId, eligibility, timeZone } };
    // If-Match and the fingerprint belong to the community's stream; the re-check has its own derived command id.
    const { expectedRevision: _e, fingerprint: _f, ...rest } = request;
    await this.pipeline.run(supervisionDecider, toSupervisionStreamId(data.communityId), recheck, { ...rest, commandId: `${request.commandId}:sv-3-recheck` });
    return result;
  }
}
