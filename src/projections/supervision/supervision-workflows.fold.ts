import type { EventWithoutMetadata } from '../../domain/shared';
import type { ExpenditureControlEvent, PublicationComplaintEvent } from '../../domain/supervision';
import { provenanceOf, type EntryProvenance } from '../projection';

type Complaint = {
  complaintId: string; ground: string; category: string; publicationId: string | null; subject: string; complainantRef: string; filedWith: string; filedOn: string;
  status: 'filed' | 'investigating' | 'founded' | 'unfounded' | 'ordered';
  investigationOpenedOn: string | null; finding: { finding: 'founded' | 'unfounded'; documentHash: string; decidedOn: string; provenance: EntryProvenance } | null;
  order: { orderId: string; obligationId: string; dueBy: string; orderedOn: string; provenance: EntryProvenance } | null;
  provenance: EntryProvenance; history: EntryProvenance[];
};

type Veto = {
  vetoId: string; committeeId: string; expenditureRef: string; title: string; documentHash: string; grounds: string; policyVersion: number | null; vetoedOn: string;
  status: 'vetoed' | 'appealed' | 'upheld' | 'overturned';
  appeal: { appellantRef: string; grounds: string; appealedOn: string; provenance: EntryProvenance } | null;
  decidedBy: { meetingId: string; itemId: string; meetingKind: string; outcome: string; decidedOn: string; provenance: EntryProvenance } | null;
  provenance: EntryProvenance;
};

type Voucher = {
  voucherId: string; expenditureRef: string;
  countersignatures: { committeeId: string; decision: 'signed' | 'refused'; signerRef: string; comments: string | null; provenance: EntryProvenance }[];
  booked: { documentHash: string; bookedOn: string; countersignRequired: boolean; countersignedBy: string | null; policyVersion: number | null; provenance: EntryProvenance } | null;
};

/** Read model `supervision_workflows`: per community, PD-4 complaints, SV-15 vetoes and appeals, SV-13 voucher co-signing. */
export type SupervisionWorkflowsRow = { communityId: string; complaints: Complaint[]; vetoes: Veto[]; vouchers: Voucher[] };

export const canHandle: readonly string[] = [
  'PublicationComplaintFiled', 'PublicationInvestigationOpened', 'PublicationComplaintFindingRecorded', 'PublicationOrdered',
  'ExpenditureVetoed', 'ExpenditureVetoAppealed', 'ExpenditureVetoAppealDecided', 'VoucherCountersigned', 'VoucherBooked',
];

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { communityId?: unknown }).communityId;
  return canHandle.includes(event.type) && typeof id === 'string' ? id : null;
};

const update = <T, K extends keyof T>(list: T[], idKey: K, id: T[K], change: (item: T) => T): T[] => list.map((item) => (item[idKey] === id ? change(item) : item));

export const evolve = (current: SupervisionWorkflowsRow | null, recorded: EventWithoutMetadata): SupervisionWorkflowsRow | null => {
  if (key(recorded) === null) return current;
  const event = { type: recorded.type, data: recorded.data } as PublicationComplaintEvent | ExpenditureControlEvent;
  const row = current ?? { communityId: event.data.communityId, complaints: [], vetoes: [], vouchers: [] };
  const provenance = provenanceOf(recorded);
  const complaint = (id: string, change: (c: Complaint) => Complaint) => ({ ...row, complaints: update(row.complaints, 'complaintId', id, (c) => ({ ...change(c), provenance, history: [...c.history, provenance] })) });
  switch (event.type) {
    case 'PublicationComplaintFiled': {
      const { communityId: _c, occurredAt: _o, ...d } = event.data;
      return { ...row, complaints: [...row.complaints, { ...d, status: 'filed', investigationOpenedOn: null, finding: null, order: null, provenance, history: [provenance] }] };
    }
    case 'PublicationInvestigationOpened':
      return complaint(event.data.complaintId, (c) => ({ ...c, status: 'investigating', investigationOpenedOn: event.data.openedOn }));
    case 'PublicationComplaintFindingRecorded': {
      const d = event.data;
      return complaint(d.complaintId, (c) => ({ ...c, status: d.finding, finding: { finding: d.finding, documentHash: d.documentHash, decidedOn: d.decidedOn, provenance } }));
    }
    case 'PublicationOrdered': {
      const d = event.data;
      return complaint(d.complaintId, (c) => ({ ...c, status: 'ordered', order: { orderId: d.orderId, obligationId: d.obligationId, dueBy: d.dueBy, orderedOn: d.orderedOn, provenance } }));
    }
    case 'ExpenditureVetoed': {
      const { communityId: _c, occurredAt: _o, ...d } = event.data;
      return { ...row, vetoes: [...row.vetoes, { ...d, status: 'vetoed', appeal: null, decidedBy: null, provenance }] };
    }
    case 'ExpenditureVetoAppealed': {
      const d = event.data;
      return { ...row, vetoes: update(row.vetoes, 'vetoId', d.vetoId, (v) => ({ ...v, status: 'appealed', appeal: { appellantRef: d.appellantRef, grounds: d.grounds, appealedOn: d.appealedOn, provenance }, provenance })) };
    }
    case 'ExpenditureVetoAppealDecided': {
      const d = event.data;
      return { ...row, vetoes: update(row.vetoes, 'vetoId', d.vetoId, (v) => ({ ...v, status: d.result === 'veto_overturned' ? 'overturned' : 'upheld', decidedBy: { ...d.decidedBy, provenance }, provenance })) };
    }
    case 'VoucherCountersigned': {
      const d = event.data;
      const entry = { committeeId: d.committeeId, decision: d.decision, signerRef: d.signerRef, comments: d.comments, provenance };
      const known = row.vouchers.some((v) => v.voucherId === d.voucherId);
      const vouchers = known
        ? update(row.vouchers, 'voucherId', d.voucherId, (v) => ({ ...v, countersignatures: [...v.countersignatures, entry] }))
        : [...row.vouchers, { voucherId: d.voucherId, expenditureRef: d.expenditureRef, countersignatures: [entry], booked: null }];
      return { ...row, vouchers };
    }
    case 'VoucherBooked': {
      const { communityId: _c, occurredAt: _o, voucherId, expenditureRef, ...d } = event.data;
      const known = row.vouchers.some((v) => v.voucherId === voucherId);
      const booked = { ...d, provenance };
      const vouchers = known ? update(row.vouchers, 'voucherId', voucherId, (v) => ({ ...v, booked })) : [...row.vouchers, { voucherId, expenditureRef, countersignatures: [], booked }];
      return { ...row, vouchers };
    }
    default:
      return row;
  }
};
