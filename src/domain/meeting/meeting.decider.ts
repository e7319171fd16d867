import { assertNever, type Decider } from '../shared';
import { orderCorrection, overruleByHigherMeeting, recordCourtRevocation } from './meeting.aftermath';
import type { MeetingCommand } from './meeting.commands';
import { conveneMeeting, petitionToConvene } from './meeting.convening';
import type { MeetingEvent } from './meeting.events';
import { recordMustConveneNotHonoured } from './meeting.must-convene';
import { addAgendaItem, closeMeeting, recordAttendance, recordPartyPreDeliberation, recordVote } from './meeting.proceedings';
import { evolve, initialState, type Meeting } from './meeting.state';
import { admitSupervisionObserver, recordSupervisionObserverRefused } from './meeting.supervision';

////////// Decide: dispatch only; one function per command in meeting.convening/proceedings/aftermath.ts

export const decide = (command: MeetingCommand, state: Meeting): MeetingEvent[] => {
  const { type } = command;
  switch (type) {
    case 'PetitionToConvene':
      return petitionToConvene(command, state);
    case 'ConveneMeeting':
      return conveneMeeting(command, state);
    case 'AddAgendaItem':
      return addAgendaItem(command, state);
    case 'RecordPartyPreDeliberation':
      return recordPartyPreDeliberation(command, state);
    case 'RecordAttendance':
      return recordAttendance(command, state);
    case 'RecordVote':
      return recordVote(command, state);
    case 'CloseMeeting':
      return closeMeeting(command, state);
    case 'OrderCorrection':
      return orderCorrection(command, state);
    case 'RecordCourtRevocation':
      return recordCourtRevocation(command, state);
    case 'OverruleByHigherMeeting':
      return overruleByHigherMeeting(command, state);
    case 'RecordMustConveneNotHonoured':
      return recordMustConveneNotHonoured(command, state);
    case 'AdmitSupervisionObserver':
      return admitSupervisionObserver(command, state);
    case 'RecordSupervisionObserverRefused':
      return recordSupervisionObserverRefused(command, state);
    default: {
      const _notExisting: never = type;
      return assertNever(_notExisting);
    }
  }
};

export const meetingDecider: Decider<Meeting, MeetingCommand, MeetingEvent> = { initialState, evolve, decide };
export { evolve, initialState, type Meeting };
