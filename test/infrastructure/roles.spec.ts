import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL_ROLES, parseRequirement, parseRole, SCOPED_ROLES, satisfies, type Role } from '../../src/infrastructure/auth/roles';
import { TokenService } from '../../src/infrastructure/auth/token.service';

const role = (text: string): Role => parseRole(text)!;
const meets = (held: string, requirement: string, scopeId?: string) => satisfies(role(held), parseRequirement(requirement), scopeId);

describe('roles and their scopes', () => {
  it('a body of one place held without its scope meets no scoped requirement (it did: the township government of nowhere acted in every township)', () => {
    expect(meets('township_government', 'township_government@township', 't-1')).toBe(false);
    expect(meets('supervision_committee', 'supervision_committee@community', 'c-17')).toBe(false);
    expect(meets('villagers_committee', 'villagers_committee@community', 'c-17')).toBe(false);
    expect(meets('list_approval_body', 'list_approval_body@jurisdiction', 'city-panjin')).toBe(false);
  });

  it('a scoped role meets the requirement in its own place only; a global role held without scope meets it everywhere', () => {
    expect(meets('township_government@township:t-1', 'township_government@township', 't-1')).toBe(true);
    expect(meets('township_government@township:t-1', 'township_government@township', 't-2')).toBe(false);
    expect(meets('township_government@community:t-1', 'township_government@township', 't-1')).toBe(false);
    expect(meets('civil_affairs_office', 'civil_affairs_office@jurisdiction', 'city-panjin')).toBe(true);
    expect(meets('auditor', 'auditor@community', 'c-17')).toBe(true);
    expect(meets('auditor', 'township_government@township', 't-1')).toBe(false);
  });

  it('a requirement without scope kind is met by the role in any scope', () => {
    expect(meets('township_government@township:t-1', 'township_government')).toBe(true);
    expect(meets('auditor', 'auditor')).toBe(true);
  });

  it('tokens: a body of one place without its scope is not issued, nor accepted', async () => {
    const tokens = new TokenService('s'.repeat(40));
    await expect(tokens.sign('u-1', ['township_government'])).rejects.toThrow('role "township_government" is the body of one township: name it, e.g. township_government@township:ID');
    await expect(tokens.sign('u-1', ['auditor', 'supervision_committee'])).rejects.toThrow(/body of one community/);
    await expect(tokens.verify(await tokens.sign('u-1', ['auditor', 'civil_affairs_office', 'supervision_committee@community:c-17']))).resolves.toMatchObject({ actorId: 'u-1' });
  });

  it('every role a route names (docs/roles.md) is either global or the body of one kind of place', () => {
    const doc = readFileSync(join(__dirname, '../../docs/roles.md'), 'utf8');
    const cells = doc.split('\n').filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) /.test(line)).map((line) => line.split(' | ').at(-1)!);
    const named = new Set(cells.flatMap((cell) => [...cell.matchAll(/`([a-z_]+)(?:@[a-z_]+)?`/g)].map((m) => m[1]!)).filter((r) => r !== 'public' && r !== 'authenticated'));
    expect(named.size).toBeGreaterThan(15);
    const unclassified = [...named].filter((r) => !GLOBAL_ROLES.has(r) && !Object.hasOwn(SCOPED_ROLES, r));
    expect(unclassified).toEqual([]);
    for (const [r, kind] of Object.entries(SCOPED_ROLES)) {
      for (const cell of cells) for (const m of cell.matchAll(new RegExp(`\`${r}@([a-z_]+)\``, 'g'))) expect(`${r}@${m[1]}`).toBe(`${r}@${kind}`);
    }
  });
});
