import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer as the client got it, without the headers that differ from one request to the next. */
export type RawAnswer = Readonly<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>;

/**
 * One request to a listening server on 127.0.0.1, with the path sent as given (double slashes,
 * absolute form and escapes included): what two servers answer to it can be compared whole.
 */
export const rawRequest = async (server: Server, method: string, path: string, body?: string): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const headers = body === undefined ? {} : { 'content-type': 'application/json' };
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: rest });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

export const closeServer = async (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
