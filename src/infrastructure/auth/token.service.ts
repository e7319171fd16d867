import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { parseRole } from './roles';

export type Actor = Readonly<{ actorId: string; roles: readonly string[] }>;

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

const ISSUER = 'civic-ledger';

/** HS256 bearer tokens: `sub` = actor id, `roles` = role strings (see roles.ts). */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `expiresIn` like `8h`, `30m`, `7d` (jose time span). */
  async sign(actorId: string, roles: readonly string[], expiresIn = '8h'): Promise<string> {
    for (const role of roles) if (parseRole(role) === undefined) throw new Error(`bad role "${role}": expected ROLE or ROLE@KIND:ID, e.g. supervision_committee@community:c-17`);
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actorId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.key);
  }

  async verify(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      const roles = payload['roles'];
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('token has no subject');
      if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string' && parseRole(r) !== undefined)) {
        throw new InvalidTokenError('token roles are malformed');
      }
      return { actorId: payload.sub, roles: roles as string[] };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('token expired');
      throw new InvalidTokenError('token is invalid');
    }
  }
}
