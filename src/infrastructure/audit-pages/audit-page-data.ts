import type { ConsultationReadService } from '../http/consultation/consultation-read.service';
import type { MeetingReadModels } from '../http/meetings/meeting-read-models.service';
import type { SupervisionReadModels } from '../http/supervision/supervision-read-models.service';
import type { CommunityGlance } from './views/township.view';

/** Publications per page of a community's board history. */
export const HISTORY_PAGE_SIZE = 20;

type Sources = Readonly<{ meetings: MeetingReadModels; supervision: SupervisionReadModels; consultations: ConsultationReadService }>;

/**
 * A township's communities at a glance: a supervision committee in office (SV-1), consultation
 * steps and publication obligations overdue today, publication periods missed (PD-2 / PD-5). Only
 * states and identifiers, never members' names.
 */
export const communityGlances = async (s: Sources, townshipRef: string): Promise<CommunityGlance[]> => {
  const communities: Record<string, unknown>[] = [];
  for (let cursor: string | undefined, more = true; more; ) {
    const page = await s.meetings.communities({ townshipRef, limit: 200, ...(cursor === undefined ? {} : { cursor }) });
    communities.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    more = cursor !== undefined;
  }
  return Promise.all(
    communities.map(async (c) => {
      const communityId = String(c['communityId']);
      const [roster, overdue, obligations, cadence] = await Promise.all([
        s.supervision.roster(communityId),
        s.consultations.list({ communityId, overdue: 'any' }, 50),
        s.supervision.obligations(communityId),
        s.supervision.cadence(communityId, {}),
      ]);
      const overdueSteps = [
        ...overdue.items.flatMap((k) => k.overdueSteps.map((o) => `${k.consultationId}: ${String((o as { step?: unknown }).step ?? '')}`)),
        ...(obligations['obligations'] as { status: string; category?: string; obligationId?: string }[]).filter((o) => o.status === 'overdue').map((o) => `${o.category ?? o.obligationId ?? ''}`),
      ];
      const missingPublications = (cadence['missing'] as { category: string; period: string }[]).map((m) => `${m.category} ${m.period}`);
      return { communityId, name: String(c['name']), kind: String(c['kind']), committeeInPlace: roster['activeCommitteeId'] !== null, overdueSteps, missingPublications };
    }),
  );
};
