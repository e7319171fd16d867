import type { Request, Response } from 'express';

/**
 * Committee sign-in: the bearer token the user pasted, kept in an HttpOnly, SameSite=Strict cookie
 * scoped to /audit (scripts cannot read it; it never appears in a URL; it ends with the browser
 * session). The pages only read, so the cookie authorises nothing but showing personal data.
 */
export const SESSION_COOKIE = 'cl_audit_session';

export const sessionToken = (request: Request): string | undefined => {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
};

export const setSession = (request: Request, response: Response, token: string): void => {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/audit', secure: request.secure });
};

export const clearSession = (response: Response): void => {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/audit' });
};
