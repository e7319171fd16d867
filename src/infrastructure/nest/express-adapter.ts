import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/** Methods whose answer Express never turns into a 304 (`req.fresh` is false for them). */
const UNCONDITIONAL = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isPlainBody = (body: unknown): body is object =>
  typeof body === 'object' && body !== null && !ArrayBuffer.isView(body) && Object.getPrototypeOf(body) === Object.prototype;

/**
 * Nest's Express adapter, with the JSON answer of a write sent directly: what `res.json` then
 * `res.send` produce for a plain object when the app keeps Express's defaults (no ETag function,
 * no JSON replacer, spacing or escaping) and the handler set no Content-Type: the same status,
 * `Content-Type: application/json; charset=utf-8` and `Content-Length` (as a string, as Express
 * sets it), the same bytes. Express reached that through three parses and formats of the content
 * type per answer (`res.set`'s mime lookup, then `setCharset`). Anything else (GET and HEAD, whose
 * answer may become a 304; other bodies; another content type) goes through Express as before.
 */
export class ServiceExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!this.sendsDirectly(response, body)) return super.reply(response, body, statusCode);
    if (statusCode) response.status(statusCode);
    if (response.statusCode === 204 || response.statusCode === 205 || response.statusCode === 304) return super.reply(response, body);
    const json = JSON.stringify(body);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', String(Buffer.byteLength(json, 'utf8')));
    response.end(json, 'utf8');
    return response;
  }

  private sendsDirectly(response: Response, body: unknown): body is object {
    // What app.get(name) answers (Express 5 `app.set` with one argument), without its variadic call.
    const settings = response.app.settings as Record<string, unknown>;
    return (
      isPlainBody(body) &&
      UNCONDITIONAL.has(response.req.method) &&
      response.getHeader('Content-Type') === undefined &&
      typeof settings['etag fn'] !== 'function' &&
      settings['json replacer'] === undefined &&
      settings['json spaces'] === undefined &&
      settings['json escape'] === undefined
    );
  }
}
