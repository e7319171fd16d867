import { VILLAGE } from './community.story';
import { at, HASH, post, type Step } from './story';

const C = { communityId: VILLAGE.communityId };

/** PD-2 / PD-3 / PD-8: February's finances drafted, returned, revised, approved, posted 15 days, queried and corrected. */
export const publicationStory = (): Step[] => {
  const P = { publicationId: 'pub-2026-02-finance' };
  return [
    post('/communities/{communityId}/publications', C, { ...P, category: 'finance', periodFrom: '2026-02-01', periodTo: '2026-02-28', documentHash: HASH('a'), channels: ['public_board'], covers: undefined, occurredAt: at('2026-03-10', '14:00') }),
    post('/publications/{publicationId}/reviews', P, { decision: 'return', occurredAt: at('2026-03-11', '09:00') }),
    post('/publications/{publicationId}/revisions', P, { documentHash: HASH('b'), channels: ['public_board'], occurredAt: at('2026-03-12', '09:00') }),
    post('/publications/{publicationId}/reviews', P, { decision: 'approve', comments: undefined, occurredAt: at('2026-03-12', '15:00') }),
    post('/publications/{publicationId}/postings', P, { postedFrom: '2026-03-13', postedUntil: '2026-03-28', occurredAt: at('2026-03-13', '09:00') }),
    post('/publications/{publicationId}/queries', P, { queryId: 'q-1', occurredAt: at('2026-03-14', '09:00') }),
    post('/publications/{publicationId}/queries/{queryId}/answer', { ...P, queryId: 'q-1' }, { occurredAt: at('2026-03-15', '09:00') }),
    post('/publications/{publicationId}/corrections', P, { correctionId: 'fix-1', documentHash: HASH('c'), occurredAt: at('2026-03-16', '09:00') }),
  ];
};

/** PD-4: a resident's complaint that the quarter's finances were not published, investigated, founded and ordered. */
export const complaintStory = (): Step[] => {
  const K = { ...C, complaintId: 'pc-1' };
  return [
    post('/communities/{communityId}/publication-complaints', C, { complaintId: 'pc-1', ground: 'not_published', category: 'finance', publicationId: undefined, occurredAt: at('2026-03-01', '09:00') }),
    post('/communities/{communityId}/publication-complaints/{complaintId}/investigation', K, { occurredAt: at('2026-03-03', '09:00') }),
    post('/communities/{communityId}/publication-complaints/{complaintId}/finding', K, { finding: 'founded', documentHash: HASH('e'), occurredAt: at('2026-03-08', '09:00') }),
    post('/communities/{communityId}/publication-complaints/{complaintId}/order', K, { orderId: 'po-1', dueBy: '2026-03-25', occurredAt: at('2026-03-10', '09:00') }),
  ];
};
