import { assertNever, type Decider } from '../shared';
import type { ConsultationCommand } from './consultation.commands';
import type { ConsultationEvent } from './consultation.events';
import * as deadlines from './consultation.deadlines';
import * as impl from './consultation.implementation';
import * as outcome from './consultation.outcome';
import * as prep from './consultation.preparation';
import { evolve, initialState, type Consultation } from './consultation.state';

/** The consultation decider (stream `consultation-<id>`); one function per command, split by command group. */

////////// Decide

export const decide = (command: ConsultationCommand, state: Consultation): readonly ConsultationEvent[] => {
  switch (command.type) {
    case 'SolicitOpinions': return prep.solicitOpinions(command, state);
    case 'ProposeTopic': return prep.proposeTopic(command, state);
    case 'DetermineParticipants': return prep.determineParticipants(command, state);
    case 'InviteExpert': return prep.inviteExpert(command, state);
    case 'AdmitSupervisionMember': return prep.admitSupervisionMember(command, state);
    case 'RecordSupervisionAttendanceRefused': return prep.recordSupervisionAttendanceRefused(command, state);
    case 'NotifyContent': return prep.notifyContent(command, state);
    case 'HoldConsultation': return prep.holdConsultation(command, state);
    case 'FormOpinion': return outcome.formOpinion(command, state);
    case 'BriefDissenters': return outcome.briefDissenters(command, state);
    case 'ReferToMeeting': return outcome.referToMeeting(command, state);
    case 'RecordMeetingDecision': return outcome.recordMeetingDecision(command, state);
    case 'WithdrawConsultation': return outcome.withdrawConsultation(command, state);
    case 'CorrectOutcome': return outcome.correctOutcome(command, state);
    case 'RecordProcedureDeviation': return outcome.recordProcedureDeviation(command, state);
    case 'PublishImplementationPlan': return impl.publishImplementationPlan(command, state);
    case 'StartImplementation': return impl.startImplementation(command, state);
    case 'ReportImplementationProgress': return impl.reportImplementationProgress(command, state);
    case 'CompleteImplementation': return impl.completeImplementation(command, state);
    case 'ReportToCommissioner': return impl.reportToCommissioner(command, state);
    case 'RecordCommissionerFeedback': return impl.recordCommissionerFeedback(command, state);
    case 'PublishResult': return impl.publishResult(command, state);
    case 'GiveFeedback': return impl.giveFeedback(command, state);
    case 'CloseConsultation': return impl.closeConsultation(command, state);
    case 'RecordDeadlineMissed': return deadlines.recordDeadlineMissed(command, state);
    default: return assertNever(command);
  }
};

export const consultationDecider: Decider<Consultation, ConsultationCommand, ConsultationEvent> = { initialState, evolve, decide };
