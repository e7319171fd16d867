import { Agent, request } from 'node:http';

export type LoadResult = Readonly<{ ok: number; failed: number; /** every answer, warm-up and tail included */ answered: number; elapsedMs: number; latenciesMs: number[]; firstFailure?: string }>;

/**
 * Closed-loop load over keep-alive HTTP/1.1: `concurrency` clients each send the next request as
 * soon as the previous answer arrived. Requests finished during `warmupMs` are not counted; the
 * window is `durationMs` after it. `body(i)` must make every request unique. With `ratePerSec`
 * the clients send at most that many requests per second together (request i not before
 * i / rate s): every server then works at the same pace, so CPU per request compares services
 * without the bias of one getting more of a loaded machine than the other (a busier server
 * handles more answers per event-loop turn, and so less CPU per answer).
 */
export const closedLoop = async (
  o: Readonly<{ port: number; path: string; headers: Record<string, string>; concurrency: number; warmupMs: number; durationMs: number; body: (i: number) => string; expectStatus: number; ratePerSec?: number }>,
): Promise<LoadResult> => {
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  let next = 0;
  let ok = 0;
  let failed = 0;
  let answered = 0;
  let firstFailure: string | undefined;
  const latenciesMs: number[] = [];
  const t0 = performance.now();
  const windowStart = t0 + o.warmupMs;
  const windowEnd = windowStart + o.durationMs;
  const once = (payload: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: o.port, path: o.path, method: 'POST', agent, headers: { ...o.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const client = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (o.ratePerSec !== undefined) {
        const wait = t0 + (i * 1000) / o.ratePerSec - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const started = performance.now();
      if (started >= windowEnd) return;
      const answer = await once(o.body(i)).catch((error: unknown) => ({ status: 0, text: String(error) }));
      const ended = performance.now();
      answered++;
      if (started < windowStart || ended > windowEnd) continue;
      if (answer.status === o.expectStatus) {
        ok++;
        latenciesMs.push(ended - started);
      } else {
        failed++;
        firstFailure ??= `${answer.status} ${answer.text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  agent.destroy();
  return { ok, failed, answered, elapsedMs: o.durationMs, latenciesMs, ...(firstFailure === undefined ? {} : { firstFailure }) };
};
