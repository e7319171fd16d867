import type { EventWithoutMetadata } from '../../domain/shared';
import type { CasebookEvent, RectificationOverdue } from '../../domain/supervision';
import { provenanceOf, type EntryProvenance } from '../projection';

/** Read model `supervision_casebook`: per community, the committee's inquiries, findings and rectifications (SV-11, SV-12). */
export type CasebookRow = {
  communityId: string;
  inquiries: { inquiryId: string; committeeId: string; domain: string; subject: string; question: string; answerDueBy: string | null; raisedAt: string; answer: string | null; answeredAt: string | null; provenance: EntryProvenance; answeredBy: EntryProvenance | null }[];
  findings: { findingId: string; committeeId: string; domain: string; title: string; documentHash: string; inquiryId: string | null; recordedAt: string; provenance: EntryProvenance }[];
  rectifications: {
    rectificationId: string; findingId: string; requirement: string; dueBy: string; status: 'requested' | 'reported' | 'rectified' | 'not_rectified';
    reportHash: string | null; reportedOn: string | null; closedOn: string | null; provenance: EntryProvenance; history: EntryProvenance[];
    /** The watchdog's RectificationOverdue (SV-12), null while none is recorded. */
    overdueRecordedBy?: EntryProvenance | null;
  }[];
};

export const canHandle: readonly string[] = ['InquiryRaised', 'InquiryAnswered', 'FindingRecorded', 'RectificationRequested', 'RectificationReported', 'RectificationClosed', 'RectificationOverdue'];

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { communityId?: unknown }).communityId;
  return canHandle.includes(event.type) && typeof id === 'string' ? id : null;
};

export const evolve = (current: CasebookRow | null, recorded: EventWithoutMetadata): CasebookRow | null => {
  if (key(recorded) === null) return current;
  const event = { type: recorded.type, data: recorded.data } as CasebookEvent | RectificationOverdue;
  const row = current ?? { communityId: event.data.communityId, inquiries: [], findings: [], rectifications: [] };
  const provenance = provenanceOf(recorded);
  switch (event.type) {
    case 'InquiryRaised': {
      const { communityId: _c, occurredAt, ...d } = event.data;
      return { ...row, inquiries: [...row.inquiries, { ...d, raisedAt: occurredAt, answer: null, answeredAt: null, provenance, answeredBy: null }] };
    }
    case 'InquiryAnswered':
      return { ...row, inquiries: row.inquiries.map((i) => (i.inquiryId === event.data.inquiryId ? { ...i, answer: event.data.answer, answeredAt: event.data.occurredAt, answeredBy: provenance } : i)) };
    case 'FindingRecorded': {
      const { communityId: _c, occurredAt, ...d } = event.data;
      return { ...row, findings: [...row.findings, { ...d, recordedAt: occurredAt, provenance }] };
    }
    case 'RectificationRequested': {
      const d = event.data;
      return { ...row, rectifications: [...row.rectifications, { rectificationId: d.rectificationId, findingId: d.findingId, requirement: d.requirement, dueBy: d.dueBy, status: 'requested', reportHash: null, reportedOn: null, closedOn: null, provenance, history: [provenance], overdueRecordedBy: null }] };
    }
    case 'RectificationReported':
      return { ...row, rectifications: row.rectifications.map((r) => (r.rectificationId === event.data.rectificationId ? { ...r, status: 'reported' as const, reportHash: event.data.reportHash, reportedOn: event.data.reportedOn, provenance, history: [...r.history, provenance] } : r)) };
    case 'RectificationClosed':
      return { ...row, rectifications: row.rectifications.map((r) => (r.rectificationId === event.data.rectificationId ? { ...r, status: event.data.outcome, closedOn: event.data.closedOn, provenance, history: [...r.history, provenance] } : r)) };
    case 'RectificationOverdue': {
      const d = event.data;
      return { ...row, rectifications: row.rectifications.map((r) => (r.rectificationId === d.rectificationId ? { ...r, overdueRecordedBy: provenance } : r)) };
    }
    default:
      return row;
  }
};
