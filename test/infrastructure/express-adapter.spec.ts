import type { Server } from 'node:http';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { type Express, type Request, type Response } from 'express';
import { ServiceExpressAdapter } from '../../src/infrastructure/nest/express-adapter';
import { closeServer, rawRequest } from '../support/raw-http';

/**
 * ServiceExpressAdapter sends a write's plain JSON answer itself; what reaches the client must be
 * what Nest's ExpressAdapter (res.json + res.send) sends: status, headers and bytes.
 */
type Case = Readonly<{
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body: unknown;
  status?: number;
  contentType?: string;
  /** Whether the service's adapter writes the answer itself (else it hands it to Express). */
  direct: boolean;
}>;

const CASES: readonly Case[] = [
  { name: 'a registration (201)', method: 'POST', body: { communityId: 'c-1', position: '42' }, status: 201, direct: true },
  { name: 'an answer without a status', method: 'POST', body: { ok: true }, direct: true },
  { name: 'text beyond ASCII (byte length)', method: 'POST', body: { name: '东风社区 — 居务监督', emoji: '🏘️' }, status: 200, direct: true },
  { name: 'nested values and escapes', method: 'PUT', body: { a: [1, null, { b: 'x"y\\z\n' }], c: 1.5 }, status: 200, direct: true },
  { name: 'PATCH', method: 'PATCH', body: { patched: 1 }, direct: true },
  { name: 'DELETE', method: 'DELETE', body: { deleted: 1 }, direct: true },
  { name: '202 Accepted', method: 'POST', body: { accepted: true }, status: 202, direct: true },
  { name: '204 goes to Express (no body)', method: 'POST', body: { dropped: true }, status: 204, direct: false },
  { name: 'a GET goes to Express (may become a 304)', method: 'GET', body: { list: [] }, status: 200, direct: false },
  { name: 'an array goes to Express', method: 'POST', body: [1, 2, 3], status: 200, direct: false },
  { name: 'a string goes to Express', method: 'POST', body: 'plain', status: 200, direct: false },
  { name: 'a class instance goes to Express', method: 'POST', body: new (class Answer { readonly x = 1 })(), status: 200, direct: false },
  { name: 'a set content type goes to Express', method: 'POST', body: { problem: true }, status: 409, contentType: 'application/problem+json', direct: false },
];

const serve = async (adapterOf: (app: Express) => ExpressAdapter, configure: (app: Express) => void = () => undefined) => {
  const app = express();
  configure(app);
  const adapter = adapterOf(app);
  const replies = { express: 0 };
  app.all('/case/:index', (req: Request, res: Response) => {
    const entry = CASES[Number(req.params['index'])] as Case;
    if (entry.contentType !== undefined) res.setHeader('Content-Type', entry.contentType);
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      replies.express += 1;
      return json(value);
    };
    const send = res.send.bind(res);
    res.send = (value: unknown) => {
      replies.express += 1;
      return send(value);
    };
    adapter.reply(res, entry.body, entry.status);
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { server, replies };
};

describe('ServiceExpressAdapter.reply', () => {
  const noEtag = (app: Express) => app.set('etag', false);

  describe.each([
    { settings: 'the service settings (no ETag)', configure: noEtag, fastPath: true },
    // Express's default weak ETag is computed by res.send: every answer goes to Express.
    { settings: "Express's defaults (an ETag function)", configure: () => undefined, fastPath: false },
  ])('with $settings', ({ configure, fastPath }) => {
    let nest: Awaited<ReturnType<typeof serve>>;
    let service: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      nest = await serve((app) => new ExpressAdapter(app), configure);
      service = await serve((app) => new ServiceExpressAdapter(app), configure);
    });
    afterAll(async () => {
      await Promise.all([closeServer(nest.server), closeServer(service.server)]);
    });

    it.each(CASES.map((entry, index) => ({ ...entry, index })))('$method $name: the same status, headers and bytes', async ({ method, index, direct }) => {
      const expected = await rawRequest(nest.server, method, `/case/${index}`);
      const before = service.replies.express;
      const actual = await rawRequest(service.server, method, `/case/${index}`);
      expect(actual).toEqual(expected);
      expect(expected.status).toBeGreaterThanOrEqual(200);
      // The fast path is taken where it should be (otherwise the comparison proves nothing about it).
      if (direct && fastPath) expect(service.replies.express).toBe(before);
      else expect(service.replies.express).toBeGreaterThan(before);
    });
  });

  it('hands the answer to Express when the app formats JSON its own way (json spaces)', async () => {
    const spaced = (app: Express) => app.set('json spaces', 2);
    const nest = await serve((app) => new ExpressAdapter(app), spaced);
    const service = await serve((app) => new ServiceExpressAdapter(app), spaced);
    try {
      const expected = await rawRequest(nest.server, 'POST', '/case/0');
      const actual = await rawRequest(service.server, 'POST', '/case/0');
      expect(actual).toEqual(expected);
      expect(actual.body).toContain('\n  ');
      expect(service.replies.express).toBeGreaterThan(0);
    } finally {
      await Promise.all([closeServer(nest.server), closeServer(service.server)]);
    }
  });
});
