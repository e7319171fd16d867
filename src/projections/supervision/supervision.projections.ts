import { defineProjection, type AnyProjection } from '../projection';
import { PublicationEntity } from './publication.entity';
import { CasebookEntity } from './casebook.entity';
import * as casebook from './casebook.fold';
import { AppraisalHistoryEntity } from './appraisal-history.entity';
import * as appraisals from './appraisal-history.fold';
import { PublicationObligationsEntity } from './publication-obligations.entity';
import * as obligations from './publication-obligations.fold';
import * as publications from './publications.fold';
import { SupervisionRosterEntity } from './supervision-roster.entity';
import * as roster from './supervision-roster.fold';
import { SupervisionWorkflowsEntity } from './supervision-workflows.entity';
import * as workflows from './supervision-workflows.fold';
import { ConsultationObligationsEntity } from './consultation-obligations.entity';
import * as consultationObligations from './consultation-obligations.fold';

export const supervisionRosterProjection = defineProjection<SupervisionRosterEntity>({
  name: 'supervision-roster', metadata: false, version: 1, entity: SupervisionRosterEntity, canHandle: roster.canHandle, key: roster.key, evolve: roster.evolve,
});

export const publicationsProjection = defineProjection<PublicationEntity>({
  name: 'publications', metadata: false, version: 1, entity: PublicationEntity, canHandle: publications.canHandle, key: publications.key, evolve: publications.evolve,
});

export const publicationObligationsProjection = defineProjection<PublicationObligationsEntity>({
  name: 'publication-obligations', metadata: false, version: 2, entity: PublicationObligationsEntity, canHandle: obligations.canHandle, key: obligations.key, evolve: obligations.evolve,
});

export const appraisalHistoryProjection = defineProjection<AppraisalHistoryEntity>({
  name: 'appraisal-history', metadata: false, version: 2, // v2: also folds AppraisalNotHeld (missedYears)
  entity: AppraisalHistoryEntity, canHandle: appraisals.canHandle, key: appraisals.key, evolve: appraisals.evolve,
});

export const casebookProjection = defineProjection<CasebookEntity>({
  name: 'supervision-casebook', metadata: false, version: 2, // v2: also folds RectificationOverdue (overdue)
  entity: CasebookEntity, canHandle: casebook.canHandle, key: casebook.key, evolve: casebook.evolve,
});

export const supervisionWorkflowsProjection = defineProjection<SupervisionWorkflowsEntity>({
  name: 'supervision-workflows', metadata: false, version: 1, entity: SupervisionWorkflowsEntity, canHandle: workflows.canHandle, key: workflows.key, evolve: workflows.evolve,
});

export const consultationObligationsProjection = defineProjection<ConsultationObligationsEntity>({
  name: 'consultation-publication-obligations', metadata: false, version: 1, entity: ConsultationObligationsEntity,
  canHandle: consultationObligations.canHandle, key: consultationObligations.key, evolve: consultationObligations.evolve,
});

/** Read models of village/residents' affairs supervision and publication (issue 8). */
export const SUPERVISION_PROJECTIONS: readonly AnyProjection[] = [supervisionRosterProjection, publicationsProjection, publicationObligationsProjection, appraisalHistoryProjection, casebookProjection, supervisionWorkflowsProjection, consultationObligationsProjection];
