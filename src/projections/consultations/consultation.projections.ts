import { defineProjection } from '../projection';
import * as publicView from './consultation-public-view.fold';
import { ConsultationPublicViewRow } from './consultation-public-view.entity';
import * as timeline from './consultation-timeline.fold';
import { ConsultationTimeline } from './consultation-timeline.entity';
import * as list from './consultations-list.fold';
import { ConsultationListItem } from './consultations-list.entity';

/** The consultation read models as runner definitions (the pure folds live beside them). */
export const consultationsListProjection = defineProjection<ConsultationListItem>({
  // v3: missed deadlines carry full provenance; v4: doneAt (when each deadline step was first done), for the watchdog's as-of runs.
  name: 'consultations', version: 4, entity: ConsultationListItem, canHandle: list.canHandle, key: list.key, evolve: list.evolve,
});

export const consultationTimelineProjection = defineProjection<ConsultationTimeline>({
  name: 'consultation-timeline', version: 1, entity: ConsultationTimeline, canHandle: timeline.canHandle, key: timeline.key, evolve: timeline.evolve,
});

export const consultationPublicViewProjection = defineProjection<ConsultationPublicViewRow>({
  name: 'consultation-public-view', version: 2, entity: ConsultationPublicViewRow, canHandle: publicView.canHandle, key: publicView.key, evolve: publicView.evolve,
});

export const CONSULTATION_PROJECTIONS = [consultationsListProjection, consultationTimelineProjection, consultationPublicViewProjection] as const;
