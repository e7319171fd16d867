import { defineProjection } from '../projection';
import { DecisionRegisterEntity } from './decisions-register.entity';
import * as decisionsRegister from './decisions-register.fold';
import { MeetingCadenceEntity } from './meeting-cadence.entity';
import * as meetingCadence from './meeting-cadence.fold';
import { MeetingRecordEntity } from './meeting-record.entity';
import * as meetingRecord from './meeting-record.fold';
import { MeetingListEntity } from './meetings-list.entity';
import * as meetingsList from './meetings-list.fold';
import { MustConveneEntity } from './must-convene-obligations.entity';
import * as mustConveneObligations from './must-convene-obligations.fold';

/** The five meeting read models as runner definitions: the pure folds plus their entities. */
export const meetingsListProjection = defineProjection<MeetingListEntity>({
  name: 'meetings',
  version: 1,
  entity: MeetingListEntity,
  canHandle: meetingsList.canHandle,
  key: meetingsList.key,
  evolve: meetingsList.evolve,
});

export const meetingRecordProjection = defineProjection<MeetingRecordEntity>({
  name: 'meeting-records',
  version: 2,
  entity: MeetingRecordEntity,
  canHandle: meetingRecord.canHandle,
  key: meetingRecord.key,
  evolve: meetingRecord.evolve,
});

export const decisionsRegisterProjection = defineProjection<DecisionRegisterEntity>({
  name: 'meeting-decisions',
  version: 1,
  entity: DecisionRegisterEntity,
  canHandle: decisionsRegister.canHandle,
  key: decisionsRegister.key,
  evolve: decisionsRegister.evolve,
});

export const mustConveneProjection = defineProjection<MustConveneEntity>({
  name: 'meeting-obligations',
  // v2: also folds MustConveneNotHonoured (missed).
  version: 2,
  entity: MustConveneEntity,
  canHandle: mustConveneObligations.canHandle,
  key: mustConveneObligations.key,
  evolve: mustConveneObligations.evolve,
});

export const meetingCadenceProjection = defineProjection<MeetingCadenceEntity>({
  name: 'meeting-cadence',
  // v2: also folds MeetingCadenceMissed (recordedMisses); v3: recorded misses carry full provenance.
  version: 3,
  entity: MeetingCadenceEntity,
  canHandle: meetingCadence.canHandle,
  key: meetingCadence.key,
  evolve: meetingCadence.evolve,
});

export const MEETING_PROJECTIONS = [meetingsListProjection, meetingRecordProjection, decisionsRegisterProjection, mustConveneProjection, meetingCadenceProjection] as const;
