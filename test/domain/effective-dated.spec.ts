import { IllegalStateError, ValidationError } from '../../src/domain/shared/errors';
import { assertNextVersion, versionInForceOn, type PolicyStreamPrefix } from '../../src/domain/shared/effective-dated';

const versions = [{ effectiveFrom: '2026-01-01' }, { effectiveFrom: '2026-05-01' }];

describe('effective-dated policy versions (every policy stream)', () => {
  it('the version in force is the last one on or before the date', () => {
    expect(versionInForceOn(versions, '2025-12-31')).toBeUndefined();
    expect(versionInForceOn(versions, '2026-04-30')).toBe(versions[0]);
    expect(versionInForceOn(versions, '2026-05-01')).toBe(versions[1]);
  });

  it.each<PolicyStreamPrefix>(['LOCALITY_POLICY', 'SUPERVISION_POLICY', 'WORK_LIST_POLICY'])('%s: never retroactive, always after the last version', (prefix) => {
    expect(() => assertNextVersion(versions, '2026-06-01', '2026-06-02', prefix)).toThrow(expect.objectContaining({ code: `${prefix}.RETROACTIVE` }) as unknown as ValidationError);
    expect(() => assertNextVersion(versions, '2026-05-01', '2026-04-01', prefix)).toThrow(IllegalStateError);
    expect(() => assertNextVersion(versions, '2026-05-01', '2026-04-01', prefix)).toThrow(expect.objectContaining({ code: `${prefix}.NOT_AFTER_PREVIOUS` }) as unknown as Error);
    expect(() => assertNextVersion(versions, '2026-05-02', '2026-05-02', prefix)).not.toThrow();
    expect(() => assertNextVersion([], '2026-01-01', '2026-01-01', prefix)).not.toThrow();
  });
});
