import 'reflect-metadata';
import { Reflector } from '@nestjs/core';
import { Public, RequireRoles, ScopeFrom } from '../../src/infrastructure/auth/auth.decorators';
import { RouteAuthCache } from '../../src/infrastructure/auth/route-auth';

const fromPath = (): string => 'from-path';

@RequireRoles('auditor')
class Reads {
  @Public() list(): void {}
  @RequireRoles('villagers_committee@community') @ScopeFrom('community', fromPath) change(): void {}
  plain(): void {}
}

@Public()
class PublicReads extends Reads {}

describe('RouteAuthCache', () => {
  const routes = new RouteAuthCache(new Reflector());

  it('answers as the Reflector does, method metadata over class metadata, again and again', () => {
    for (let i = 0; i < 2; i++) {
      expect(routes.of(Reads.prototype.list, Reads)).toMatchObject({ isPublic: true, required: [{ role: 'auditor' }] });
      const change = routes.of(Reads.prototype.change, Reads);
      expect(change).toMatchObject({ isPublic: false, required: [{ role: 'villagers_committee', scopeKind: 'community' }] });
      expect(change.resolver('community')).toBe(fromPath);
      expect(change.resolver('township')).toBeUndefined();
      expect(routes.of(Reads.prototype.plain, Reads)).toMatchObject({ isPublic: false, required: [{ role: 'auditor' }] });
    }
  });

  it('keeps an inherited handler apart under a class with other metadata', () => {
    expect(routes.of(Reads.prototype.plain, Reads).isPublic).toBe(false);
    expect(routes.of(Reads.prototype.plain, PublicReads).isPublic).toBe(true);
    expect(routes.of(Reads.prototype.plain, Reads).isPublic).toBe(false);
  });
});
