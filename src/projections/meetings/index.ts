export * as meetingsList from './meetings-list.fold';
export * as meetingRecord from './meeting-record.fold';
export * as decisionsRegister from './decisions-register.fold';
export * as mustConveneObligations from './must-convene-obligations.fold';
export * as meetingCadence from './meeting-cadence.fold';
export * from './meeting-read-model';
