import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { lacksItsScope, parseRole, SCOPED_ROLES } from './roles';

export type Actor = Readonly<{ actorId: string; roles: readonly string[] }>;

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** A role a token may not carry: malformed, or the body of one place without its scope. */
export class BadRoleError extends Error {
  override readonly name = 'BadRoleError';
}

const ISSUER = 'civic-ledger';
/** How long a verified token is trusted without verifying it again (never past its `exp`). */
export const VERIFIED_TOKEN_TTL_MS = 30_000;

type Verified = Readonly<{ actor: Actor; expiresAtMs: number; trustedUntilMs: number }>;

/** HS256 bearer tokens: `sub` = actor id, `roles` = role strings (see roles.ts). */
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Verified tokens by their exact text: a client sends the same token with every request, and
   * verifying it (HMAC, claims, roles) each time cost more than the rest of the guard. A cached
   * token is trusted for at most VERIFIED_TOKEN_TTL_MS and never after its own expiry.
   */
  private readonly verified = new LRUCache<string, Verified>({ max: 10_000 });

  constructor(secret: string, private readonly now: () => number = Date.now) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `expiresIn` like `8h`, `30m`, `7d` (jose time span). */
  async sign(actorId: string, roles: readonly string[], expiresIn = '8h'): Promise<string> {
    for (const text of roles) {
      const role = parseRole(text);
      if (role === undefined) throw new BadRoleError(`bad role "${text}": expected ROLE or ROLE@KIND:ID, e.g. supervision_committee@community:c-17`);
      if (lacksItsScope(role)) throw new BadRoleError(`role "${text}" is the body of one ${SCOPED_ROLES[role.role]}: name it, e.g. ${text}@${SCOPED_ROLES[role.role]}:ID`);
    }
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actorId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.key);
  }

  async verify(token: string): Promise<Actor> {
    const cached = this.verified.get(token);
    if (cached !== undefined) {
      const now = this.now();
      if (now < cached.expiresAtMs && now < cached.trustedUntilMs) return cached.actor;
      this.verified.delete(token);
    }
    return this.verifyAfresh(token);
  }

  private async verifyAfresh(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, currentDate: new Date(this.now()) });
      const roles = payload['roles'];
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('token has no subject');
      if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string' && parseRole(r) !== undefined)) {
        throw new InvalidTokenError('token roles are malformed');
      }
      // Issued before sign() refused them: a body of one place without its scope would stand for every place.
      if (roles.some((r) => lacksItsScope(parseRole(r as string)!))) throw new InvalidTokenError('token carries a role without its scope');
      const actor: Actor = { actorId: payload.sub, roles: Object.freeze([...(roles as string[])]) };
      // exp is in seconds; a token without exp is trusted for the TTL only.
      const expiresAtMs = typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
      this.verified.set(token, { actor, expiresAtMs, trustedUntilMs: this.now() + VERIFIED_TOKEN_TTL_MS });
      return actor;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('token expired');
      throw new InvalidTokenError('token is invalid');
    }
  }
}
