import type { EventWithoutMetadata } from '../../domain/shared';
import type { AppraisalNotHeld, AppraisalRecorded, CadreMandateTerminated } from '../../domain/supervision';
import { provenanceOf, type EntryProvenance } from '../projection';

type Entry = { appraisalId: string; year: string; heldOn: string; meetingId: string; hostedByCommitteeId: string; competent: number; basicallyCompetent: number; incompetent: number; verdict: string; formula: string; threshold: string; provenance: EntryProvenance };

/** Read model `appraisal_history`: per community, each cadre's SV-7 appraisals and a mandate ended by two consecutive 不称职. */
export type AppraisalHistoryRow = {
  communityId: string;
  cadres: Record<string, { appraisals: Entry[]; mandateTerminated: { terminatedOn: string; appraisalIds: readonly string[]; provenance: EntryProvenance } | null }>;
  /** Years the watchdog recorded with no appraisal held (SV-7, AppraisalNotHeld). */
  missedYears: { year: string; dueBy: string; provenance: EntryProvenance }[];
};

export const canHandle: readonly string[] = ['AppraisalRecorded', 'CadreMandateTerminated', 'AppraisalNotHeld'];

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { communityId?: unknown }).communityId;
  return canHandle.includes(event.type) && typeof id === 'string' ? id : null;
};

export const evolve = (current: AppraisalHistoryRow | null, recorded: EventWithoutMetadata): AppraisalHistoryRow | null => {
  if (key(recorded) === null) return current;
  const event = { type: recorded.type, data: recorded.data } as AppraisalRecorded | CadreMandateTerminated | AppraisalNotHeld;
  const base: AppraisalHistoryRow = current ?? { communityId: event.data.communityId, cadres: {}, missedYears: [] };
  const row: AppraisalHistoryRow = { ...base, missedYears: base.missedYears ?? [] };
  const provenance = provenanceOf(recorded);
  if (event.type === 'AppraisalNotHeld') return { ...row, missedYears: [...row.missedYears, { year: event.data.year, dueBy: event.data.dueBy, provenance }] };
  const cadres = { ...row.cadres };
  if (event.type === 'AppraisalRecorded') {
    const d = event.data;
    for (const r of d.results) {
      const cadre = cadres[r.cadreRef] ?? { appraisals: [], mandateTerminated: null };
      const entry: Entry = { appraisalId: d.appraisalId, year: d.year, heldOn: d.heldOn, meetingId: d.meetingId, hostedByCommitteeId: d.hostedByCommitteeId, competent: r.competent, basicallyCompetent: r.basicallyCompetent, incompetent: r.incompetent, verdict: r.verdict, formula: r.formula, threshold: d.threshold, provenance };
      cadres[r.cadreRef] = { ...cadre, appraisals: [...cadre.appraisals, entry] };
    }
  } else {
    const d = event.data as CadreMandateTerminated['data'];
    const cadre = cadres[d.cadreRef] ?? { appraisals: [], mandateTerminated: null };
    cadres[d.cadreRef] = { ...cadre, mandateTerminated: { terminatedOn: d.terminatedOn, appraisalIds: d.appraisalIds, provenance } };
  }
  return { ...row, cadres };
};
