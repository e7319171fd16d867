import { isIsoDate, personalDataInRef, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import type { RecordOfficeHolders } from './community.commands';
import type { OfficeHoldersRecorded } from './community.events';
import { CommunityNotRegistered, UnknownCommitteeTerm, communityInvalid } from './community.errors';
import type { Community } from './community.state';

/**
 * Who holds which post in a committee term (村/居委会 members, Party secretary, accountant, clerk,
 * head of the collective economic organisation): the facts the supervision committee's eligibility
 * (SV-3, SV-10) is judged by. `knownPosts` is the vocabulary the caller (supervision) accepts.
 */
export const recordOfficeHolders = (command: RecordOfficeHolders, state: Community): OfficeHoldersRecorded[] => {
  if (state.status !== 'Registered') throw new CommunityNotRegistered(command.data.communityId);
  const d = command.data;
  if ((state.officeHolders ?? []).some((r) => r.recordId === d.recordId)) return [];
  const problems: FieldProblem[] = [];
  if (!isIsoDate(d.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'must be a date YYYY-MM-DD' });
  d.holders.forEach((h, i) => {
    const personal = personalDataInRef(h.personRef);
    if (personal !== null) problems.push({ field: `holders[${i}].personRef`, message: personal });
    if (!d.knownPosts.includes(h.post)) problems.push({ field: `holders[${i}].post`, message: `one of ${d.knownPosts.join(', ')}` });
  });
  const pairs = d.holders.map((h) => `${h.personRef}:${h.post}`);
  if (new Set(pairs).size !== pairs.length) problems.push({ field: 'holders', message: 'a person is listed twice for the same post' });
  if (problems.length > 0) throw communityInvalid(problems);
  const term = state.terms.find((t) => t.termId === d.termId);
  if (term === undefined) throw new UnknownCommitteeTerm(d.termId);
  if (d.effectiveFrom < term.startsOn || d.effectiveFrom > term.endsOn) {
    throw communityInvalid([{ field: 'effectiveFrom', message: `within the term ${term.startsOn}..${term.endsOn}` }]);
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, state.lastOccurredAt, 'COMMUNITY');
  const holders = d.holders.map((h) => ({ personRef: h.personRef, post: h.post }));
  return [{ type: 'OfficeHoldersRecorded', data: { communityId: d.communityId, termId: d.termId, recordId: d.recordId, effectiveFrom: d.effectiveFrom, holders, occurredAt } }];
};
