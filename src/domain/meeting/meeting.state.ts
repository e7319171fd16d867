import { assertNever } from '../shared';
import type { DecisionStatus } from './meeting.commands';
import type { AgendaItemAdded, AttendanceRecorded, ConveningPetitioned, MeetingConvened, MeetingEvent, VoteRecorded } from './meeting.events';

////////// State

export type AgendaItem = Readonly<{
  item: AgendaItemAdded['data'];
  deliberatedOn: string | null;
  vote: VoteRecorded['data'] | null;
  decisionStatus: DecisionStatus | null;
  correctionIds: readonly string[];
}>;

/** `mustConveneMissed`: the watchdog recorded MustConveneNotHonoured (VM-2, VM-10, RM-2, RM-4). */
type Petitions = Readonly<{ petitions: readonly ConveningPetitioned['data'][]; mustConveneMissed: boolean }>;

type ConvenedCore = Petitions &
  Readonly<{
    convened: MeetingConvened['data'];
    items: Readonly<Record<string, AgendaItem>>;
    itemOrder: readonly string[];
    /** SV-5: supervision committee members admitted as observers. */
    supervisionObservers: readonly string[];
    lastOccurredAt: string;
  }>;

export type Meeting =
  | Readonly<{ status: 'None' }>
  | (Petitions & Readonly<{ status: 'Petitioned'; meetingId: string; lastOccurredAt: string }>)
  | (ConvenedCore & Readonly<{ status: 'Convened' }>)
  | (ConvenedCore & Readonly<{ status: 'Held' | 'Inquorate' | 'Closed'; attendance: AttendanceRecorded['data'] }>);

export type ConvenedMeeting = Extract<Meeting, { convened: unknown }>;
export type HeldMeeting = Extract<Meeting, { attendance: unknown }>;

export const initialState = (): Meeting => ({ status: 'None' });

const updateItem = (state: ConvenedMeeting, itemId: string, change: (item: AgendaItem) => AgendaItem, lastOccurredAt: string): Meeting => {
  const item = state.items[itemId];
  return item === undefined ? state : { ...state, items: { ...state.items, [itemId]: change(item) }, lastOccurredAt };
};

////////// Evolve

export const evolve = (state: Meeting, event: MeetingEvent): Meeting => {
  const { occurredAt } = event.data;
  switch (event.type) {
    case 'ConveningPetitioned':
      if (state.status === 'None') return { status: 'Petitioned', meetingId: event.data.meetingId, petitions: [event.data], mustConveneMissed: false, lastOccurredAt: occurredAt };
      return state.status === 'Petitioned' ? { ...state, petitions: [...state.petitions, event.data], lastOccurredAt: occurredAt } : state;
    case 'MeetingConvened':
      if (state.status !== 'None' && state.status !== 'Petitioned') return state;
      return { status: 'Convened', petitions: state.status === 'Petitioned' ? state.petitions : [], mustConveneMissed: state.status === 'Petitioned' && state.mustConveneMissed, convened: event.data, items: {}, itemOrder: [], supervisionObservers: [], lastOccurredAt: occurredAt };
    case 'MustConveneNotHonoured':
      // Not a step of the procedure: lastOccurredAt (the timeline steps may not go back in) stays.
      return state.status === 'None' ? state : { ...state, mustConveneMissed: true };
    case 'AgendaItemAdded':
      if (state.status !== 'Convened' && state.status !== 'Held') return state;
      return {
        ...state,
        items: { ...state.items, [event.data.itemId]: { item: event.data, deliberatedOn: null, vote: null, decisionStatus: null, correctionIds: [] } },
        itemOrder: [...state.itemOrder, event.data.itemId],
        lastOccurredAt: occurredAt,
      };
    case 'PartyPreDeliberationRecorded':
      if (!('convened' in state)) return state;
      return updateItem(state, event.data.itemId, (i) => ({ ...i, deliberatedOn: event.data.deliberatedOn }), occurredAt);
    case 'AttendanceRecorded':
      if (state.status !== 'Convened') return state;
      return { ...state, status: event.data.quorumMet ? 'Held' : 'Inquorate', attendance: event.data, lastOccurredAt: occurredAt };
    case 'VoteRecorded':
      if (state.status !== 'Held') return state;
      return updateItem(
        state,
        event.data.itemId,
        (i) => ({ ...i, vote: event.data, decisionStatus: event.data.outcome === 'adopted' ? 'in_force' : null }),
        occurredAt,
      );
    case 'MeetingClosed':
      return state.status === 'Held' || state.status === 'Inquorate' ? { ...state, status: 'Closed', lastOccurredAt: occurredAt } : state;
    case 'CorrectionOrdered':
      if (!('convened' in state)) return state;
      return updateItem(state, event.data.itemId, (i) => ({ ...i, decisionStatus: 'corrected', correctionIds: [...i.correctionIds, event.data.correctionId] }), occurredAt);
    case 'DecisionRevokedByCourt':
      if (!('convened' in state)) return state;
      return updateItem(state, event.data.itemId, (i) => ({ ...i, decisionStatus: 'revoked' }), occurredAt);
    case 'DecisionOverruledByHigherMeeting':
      if (!('convened' in state)) return state;
      return updateItem(state, event.data.itemId, (i) => ({ ...i, decisionStatus: event.data.action === 'revoke' ? 'revoked' : 'changed' }), occurredAt);
    case 'SupervisionObserverAdmitted':
      if (!('convened' in state)) return state;
      return { ...state, supervisionObservers: [...state.supervisionObservers, event.data.personRef], lastOccurredAt: occurredAt };
    case 'SupervisionObserverRefused':
      // A report of what happened, possibly after the meeting: it does not move the meeting's timeline.
      return state;
    default:
      return assertNever(event);
  }
};
