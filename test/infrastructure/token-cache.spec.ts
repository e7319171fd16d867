import { InvalidTokenError, TokenService, VERIFIED_TOKEN_TTL_MS } from '../../src/infrastructure/auth/token.service';

const SECRET = 'token-cache-spec-secret-0123456789abcdef';

/** Verified tokens are cached by their text for a short TTL, never past their expiry. */
describe('TokenService verified-token cache', () => {
  let now = Date.now();
  const tokens = new TokenService(SECRET, () => now);
  beforeEach(() => {
    now = Date.now();
  });

  it('answers a token seen within the TTL from the cache (the same actor object)', async () => {
    const token = await tokens.sign('actor-1', ['township_government@township:t-1']);
    const first = await tokens.verify(token);
    now += VERIFIED_TOKEN_TTL_MS - 1000;
    expect(await tokens.verify(token)).toBe(first);
  });

  it('verifies again after the TTL', async () => {
    const token = await tokens.sign('actor-2', ['township_government@township:t-1']);
    const first = await tokens.verify(token);
    now += VERIFIED_TOKEN_TTL_MS + 1000;
    const again = await tokens.verify(token);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('refuses a cached token once it has expired, even within the TTL', async () => {
    const token = await tokens.sign('actor-3', ['township_government@township:t-1'], '5s');
    await tokens.verify(token);
    now += 6000;
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidTokenError('token expired'));
  });

  it('never caches a token that failed verification', async () => {
    const token = await tokens.sign('actor-4', ['township_government@township:t-1']);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verify(forged)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.verify(forged)).rejects.toThrow(InvalidTokenError);
    await expect(new TokenService('another-secret-another-secret-0123456').verify(token)).rejects.toThrow(InvalidTokenError);
  });
});
