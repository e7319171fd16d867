import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

export type SseMessage<T> = Readonly<{ id: string; data: T }>;

/**
 * Opens a Server-Sent Events stream of the app on 127.0.0.1 (listening on a free port first if it
 * is not) from `lastEventId`, and collects messages as they arrive in `received`; `done` resolves
 * once `expected` have come (the connection is then closed).
 */
export const collectSse = async <T>(app: INestApplication, path: string, lastEventId: string, expected: number) => {
  const server = app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const received: SseMessage<T>[] = [];
  let response: IncomingMessage | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { 'Last-Event-ID': lastEventId, Accept: 'text/event-stream' } }, (res) => {
      response = res;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id !== undefined && data !== undefined) received.push({ id, data: JSON.parse(data) as T });
          if (received.length === expected) {
            req.destroy();
            resolve();
          }
        }
      });
    });
    req.on('error', (error) => (received.length === expected ? resolve() : reject(error)));
    req.end();
  });
  return { received, done, response: () => response };
};
