import { parse, serialize } from 'cookie';
import type { HttpRequest, HttpReply } from '../http/http-types';

/**
 * Committee sign-in: the bearer token the user pasted, kept in an HttpOnly, SameSite=Strict cookie
 * scoped to /audit (scripts cannot read it; it never appears in a URL; it ends with the browser
 * session). The pages only read, so the cookie authorises nothing but showing personal data.
 */
export const SESSION_COOKIE = 'cl_audit_session';

export const sessionToken = (request: HttpRequest): string | undefined => {
  const header = request.headers.cookie;
  return header === undefined ? undefined : parse(header)[SESSION_COOKIE];
};

const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/audit' } as const;

export const setSession = (request: HttpRequest, response: HttpReply, token: string): void => {
  response.header('Set-Cookie', serialize(SESSION_COOKIE, token, { ...COOKIE_OPTIONS, secure: request.protocol === 'https' }));
};

export const clearSession = (response: HttpReply): void => {
  response.header('Set-Cookie', serialize(SESSION_COOKIE, '', { ...COOKIE_OPTIONS, expires: new Date(0) }));
};
