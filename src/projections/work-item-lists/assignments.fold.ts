import type { EventWithoutMetadata } from '../../domain/shared';
import type { AssignmentEvent, WorkListOversightEvent } from '../../domain/work-item-lists';
import { provenanceOf, type EntryProvenance } from '../meetings/meeting-read-model';

/** Read model `work-assignments`: one row per assignment with the admission outcome and any community refusal. */
export type AssignmentRow = {
  assignmentId: string;
  jurisdictionId: string;
  communityId: string;
  departmentRef: string;
  itemId: string | null;
  taskCategory: string | null;
  title: string;
  assignedOn: string;
  listVersion: number | null;
  outcome: 'admitted' | 'refused';
  list: string | null;
  reason: string | null;
  rule: string | null;
  message: string | null;
  emergency: { exemptionId: string; category: string; expiresOn: string } | null;
  exemptionExpired: string | null;
  refusedByCommunity: { refusedOn: string; citedItemId: string | null; citedCategory: string | null; reason: string; rule: string; provenance: EntryProvenance } | null;
};

const TYPES = ['TaskAdmitted', 'TaskRefused', 'AssignmentRefusedByCommunity'];
export const canHandle: readonly string[] = TYPES;
export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { assignmentId?: unknown }).assignmentId;
  return TYPES.includes(event.type) && typeof id === 'string' ? id : null;
};

export const evolve = (row: AssignmentRow | null, recorded: EventWithoutMetadata): AssignmentRow | null => {
  const event = { type: recorded.type, data: recorded.data } as AssignmentEvent;
  switch (event.type) {
    case 'TaskAdmitted':
    case 'TaskRefused': {
      if (row !== null) return row;
      const d = event.data;
      const base = {
        assignmentId: d.assignmentId, jurisdictionId: d.jurisdictionId, communityId: d.communityId, departmentRef: d.departmentRef, itemId: d.itemId,
        taskCategory: d.taskCategory, title: d.title, assignedOn: d.assignedOn, listVersion: d.listVersion, refusedByCommunity: null,
      };
      return event.type === 'TaskAdmitted'
        ? { ...base, outcome: 'admitted', list: event.data.list, reason: null, rule: null, message: null, emergency: event.data.emergency, exemptionExpired: null }
        : { ...base, outcome: 'refused', list: null, reason: event.data.reason, rule: event.data.rule, message: event.data.message, emergency: null, exemptionExpired: event.data.exemptionExpired };
    }
    case 'AssignmentRefusedByCommunity': {
      if (row === null || row.refusedByCommunity !== null) return row;
      const d = event.data;
      return { ...row, refusedByCommunity: { refusedOn: d.refusedOn, citedItemId: d.citedItemId, citedCategory: d.citedCategory, reason: d.reason, rule: d.rule, provenance: provenanceOf(recorded) } };
    }
    default:
      return row;
  }
};

/** Read model `work-list-oversight`: emergency exemptions and recorded separate assessments (WL-4 violations). */
export type OversightRow = {
  recordId: string;
  kind: 'emergency_exemption' | 'separate_assessment';
  jurisdictionId: string;
  departmentRef: string;
  category: string | null;
  startsOn: string;
  expiresOn: string | null;
  communityIds: readonly string[];
  itemIds: readonly string[];
  rule: string | null;
  invokedByRole: string | null;
};

const OVERSIGHT = ['EmergencyExemptionInvoked', 'SeparateAssessmentRecorded'];
export const oversightCanHandle: readonly string[] = OVERSIGHT;
export const oversightKey = (event: EventWithoutMetadata): string | null => {
  const d = event.data as { exemptionId?: unknown; assessmentId?: unknown };
  if (event.type === 'EmergencyExemptionInvoked' && typeof d.exemptionId === 'string') return `exemption:${d.exemptionId}`;
  if (event.type === 'SeparateAssessmentRecorded' && typeof d.assessmentId === 'string') return `assessment:${d.assessmentId}`;
  return null;
};

export const oversightEvolve = (row: OversightRow | null, recorded: EventWithoutMetadata): OversightRow | null => {
  if (row !== null) return row;
  const event = { type: recorded.type, data: recorded.data } as WorkListOversightEvent;
  switch (event.type) {
    case 'EmergencyExemptionInvoked': {
      const d = event.data;
      return { recordId: `exemption:${d.exemptionId}`, kind: 'emergency_exemption', jurisdictionId: d.jurisdictionId, departmentRef: d.invokedByRef, category: d.category, startsOn: d.startsOn, expiresOn: d.expiresOn, communityIds: d.communityIds, itemIds: [], rule: null, invokedByRole: d.invokedByRole };
    }
    case 'SeparateAssessmentRecorded': {
      const d = event.data;
      return { recordId: `assessment:${d.assessmentId}`, kind: 'separate_assessment', jurisdictionId: d.jurisdictionId, departmentRef: d.departmentRef, category: null, startsOn: d.heldOn, expiresOn: null, communityIds: d.communityIds, itemIds: d.admittedItemIds, rule: d.rule, invokedByRole: null };
    }
    default:
      return null;
  }
};
