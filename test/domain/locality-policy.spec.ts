import { DeciderSpecification } from '../support/decider-specification';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../src/domain/shared';
import { localityPolicyDecider, policyInForceOn, type AdoptLocalityPolicyVersion, type LocalityPolicyVersionAdopted } from '../../src/domain/locality-policy';
import { TOWNSHIP_GOV, PARTY, at, iso, policy } from './consultation.mother';

const spec = DeciderSpecification.for(localityPolicyDecider);
const { version: _v, ...settings } = policy;

const adopt = (effectiveFrom: string, on: string, roles = TOWNSHIP_GOV, extra: Partial<AdoptLocalityPolicyVersion['data']> = {}): AdoptLocalityPolicyVersion => ({
  type: 'AdoptLocalityPolicyVersion',
  data: { ...settings, effectiveFrom, ...extra },
  metadata: { now: at('2026-06-30'), occurredAt: at(on), actorId: 'gov-1', actorRoles: roles },
});
const adopted = (version: number, effectiveFrom: string, on: string, extra: Partial<LocalityPolicyVersionAdopted['data']> = {}): LocalityPolicyVersionAdopted => ({
  type: 'LocalityPolicyVersionAdopted',
  data: { ...settings, version, effectiveFrom, adoptedByRole: 'township_government', occurredAt: iso(on), ...extra },
});

describe('locality policy (effective-dated configuration)', () => {
  it('the township government adopts the first version', () => spec.given([]).when(adopt('2025-01-01', '2024-12-20')).then([adopted(1, '2025-01-01', '2024-12-20')]));
  it('a later version follows the previous one', () =>
    spec.given([adopted(1, '2025-01-01', '2024-12-20')]).when(adopt('2026-04-01', '2026-03-01', TOWNSHIP_GOV, { noticeLeadDays: 5 }))
      .then([adopted(2, '2026-04-01', '2026-03-01', { noticeLeadDays: 5 })]));
  it('the Party organisation does not set locality policy', () =>
    spec.given([]).when(adopt('2025-01-01', '2024-12-20', PARTY)).thenThrows(ForbiddenError, { code: 'LOCALITY_POLICY.NOT_ALLOWED' }));
  it('a retroactive version is refused', () =>
    spec.given([]).when(adopt('2025-01-01', '2025-02-01')).thenThrows(ValidationError, { code: 'LOCALITY_POLICY.RETROACTIVE' }));
  it('a version not after the previous one is refused', () =>
    spec.given([adopted(1, '2026-05-01', '2026-03-01')]).when(adopt('2026-04-01', '2026-03-02')).thenThrows(IllegalStateError, { code: 'LOCALITY_POLICY.NOT_AFTER_PREVIOUS' }));
  it('CS-12: a policy without publication channels is refused; CS-13: catalogue entries name a content class', () =>
    spec.given([]).when(adopt('2025-01-01', '2024-12-20', TOWNSHIP_GOV, { channels: [], catalogue: [{ code: 'x', title: 'x', contentClass: 'gossip' }] }))
      .thenThrows(ValidationError, { code: 'LOCALITY_POLICY.INVALID' }));
  it('every decision uses the version in force on its date', () => {
    const state = [adopted(1, '2025-01-01', '2024-12-20'), adopted(2, '2026-04-01', '2026-03-01', { noticeLeadDays: 5 })]
      .reduce(localityPolicyDecider.evolve, localityPolicyDecider.initialState());
    expect(policyInForceOn(state, '2024-12-31')).toBeUndefined();
    expect(policyInForceOn(state, '2026-03-31')?.noticeLeadDays).toBe(3);
    expect(policyInForceOn(state, '2026-04-01')?.noticeLeadDays).toBe(5);
    expect(policyInForceOn(state, '2026-04-01')?.version).toBe(2);
  });
});
