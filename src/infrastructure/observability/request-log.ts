/** Request headers the request log never shows (pino's censor text in their place). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'] as const;
export const REDACTED = '[Redacted]';

/**
 * The request log's `req` serializer, after pino-http's standard one: the Authorization and Cookie
 * headers read `[Redacted]`, in their place, as pino's `redact` option wrote them. Done here, on
 * the object the standard serializer has just made, instead of by `redact`, which cloned and walked
 * every logged object (2% of the CPU of a command).
 */
export const withoutCredentials = <T extends { headers?: unknown }>(req: T): T => {
  const headers = req.headers;
  if (typeof headers !== 'object' || headers === null || !CREDENTIAL_HEADERS.some((name) => name in headers)) return req;
  const shown: Record<string, unknown> = { ...headers };
  for (const name of CREDENTIAL_HEADERS) if (name in headers) shown[name] = REDACTED;
  req.headers = shown;
  return req;
};
