export * from './meeting.events';
export * from './meeting.commands';
export * from './meeting.errors';
export * from './meeting.decider';
export * from './meeting.supervision';
export type { AgendaItem, ConvenedMeeting, HeldMeeting } from './meeting.state';
