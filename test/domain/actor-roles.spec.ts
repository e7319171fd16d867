import { DeciderSpecification } from '../support/decider-specification';
import { ForbiddenError, holdsRole } from '../../src/domain/shared';
import { consultationDecider } from '../../src/domain/consultation';
import * as Cmd from '../../src/domain/consultation/consultation.commands';
import { workListSetDecider } from '../../src/domain/work-item-lists';
import { HASH, cmd, opinion, policy, untilHeld, untilOpinion } from './consultation.mother';
import { APPROVER, J, assistance, established, meta } from './work-item-lists/work-list.mother';

/**
 * One reading of `actorRoles` for every procedure: a scoped role holds only for its own place, a
 * global role held without scope holds everywhere, and a body of one place that does not name its
 * place holds for none (the HTTP layer refuses such tokens; the domain does not rely on it).
 */
describe('actor roles: a role holds only for its own place', () => {
  it('with no place asked, the role held anywhere or without scope will do', () => {
    expect(holdsRole(['community_committee@community:c-1'], 'community_committee')).toBe(true);
    expect(holdsRole(['watchdog'], 'watchdog')).toBe(true);
    expect(holdsRole(['community_committee@community:c-1'], 'supervision_committee')).toBe(false);
  });
  it('a scoped role holds for its own place only, by kind and id', () => {
    expect(holdsRole(['community_committee@community:c-1'], 'community_committee', { community: 'c-1' })).toBe(true);
    expect(holdsRole(['community_committee@community:c-1'], 'community_committee', { community: 'c-2' })).toBe(false);
    expect(holdsRole(['township_government@township:c-1'], 'township_government', { community: 'c-1' })).toBe(false);
    expect(holdsRole(['township_party_committee@township:t-1'], 'township_party_committee', { community: 'c-1', township: 't-1' })).toBe(true);
    expect(holdsRole(['community_committee@community:c-1:x'], 'community_committee', { community: 'c-1' })).toBe(false);
  });
  it('a body of one place held without naming it holds for no place; a global role does', () => {
    expect(holdsRole(['township_government'], 'township_government', { township: 't-1' })).toBe(false);
    expect(holdsRole(['list_approval_body'], 'list_approval_body', { jurisdiction: J })).toBe(false);
    expect(holdsRole(['civil_affairs_office'], 'civil_affairs_office', { jurisdiction: J })).toBe(true);
    expect(holdsRole(['provincial_government'], 'provincial_government', { jurisdiction: J })).toBe(true);
  });
  it('a place asked without an id asks nothing of that kind', () => {
    expect(holdsRole(['community_committee@community:c-1'], 'community_committee', { community: undefined })).toBe(true);
  });
});

describe('actor roles in the consultation procedure (CS-5, CS-10)', () => {
  const spec = DeciderSpecification.for(consultationDecider);
  const form = (roles: string[]) => cmd<Cmd.FormOpinion>('FormOpinion', { summary: 'Install 12 lights', contentHash: HASH, resolved: true, policy }, '2026-03-21', roles);
  const correct = (roles: string[]) => cmd<Cmd.CorrectOutcome>('CorrectOutcome', { correctionHash: HASH, legalBasis: 'Land Administration Law Art. 4' }, '2026-06-01', roles);

  it("CS-5: the community's own committee forms the opinion", () => spec.given(untilHeld).when(form(['community_committee@community:comm-1'])).then([opinion]));
  it("CS-5: another community's committee is no organiser of this consultation", () =>
    spec.given(untilHeld).when(form(['community_committee@community:comm-2'])).thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_AN_ORGANISER' }));
  it('CS-5: a committee that does not name its community is no organiser', () =>
    spec.given(untilHeld).when(form(['community_committee'])).thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_AN_ORGANISER' }));
  it('CS-10: a township government that does not name its township cannot correct a result', () =>
    spec.given(untilOpinion).when(correct(['township_government'])).thenThrows(ForbiddenError, { code: 'CONSULTATION.CORRECTION_NOT_ALLOWED' }));
  it("CS-10: another township's government cannot correct a result", () =>
    spec.given(untilOpinion).when(correct(['township_government@township:t-9'])).thenThrows(ForbiddenError, { code: 'CONSULTATION.CORRECTION_NOT_ALLOWED' }));
});

describe('actor roles in the work-item lists (WL-1)', () => {
  const listSet = DeciderSpecification.for(workListSetDecider);
  const importing = (roles: readonly string[]) => ({
    type: 'ImportWorkItem' as const,
    data: { jurisdictionId: J, importId: 'imp-1', sourceDocument: '盘锦兴隆台区清单 (2018)', line: 2, item: assistance('a-1') },
    metadata: meta(roles),
  });
  it("WL-1: the jurisdiction's approval body keeps its list", () => listSet.given([established()]).when(importing(APPROVER)).thenContains([{ type: 'WorkItemImported' }]));
  it('WL-1: an approval body that does not name its jurisdiction keeps no list', () =>
    listSet.given([established()]).when(importing(['list_approval_body'])).thenThrows(ForbiddenError, { code: 'WORK_LIST.NOT_ALLOWED' }));
  it('WL-1: the civil-affairs office, a global role, keeps any list', () =>
    listSet.given([established()]).when(importing(['civil_affairs_office'])).thenContains([{ type: 'WorkItemImported' }]));
});
