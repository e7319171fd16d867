import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsHost } from '@nestjs/common';
import { ConcurrencyError, DomainError, PROBLEM_CODES, type DomainErrorKind, type ProblemCode } from '../../src/domain/shared';
import { HTTP_CODES, ProblemDetailsFilter, STATUS } from '../../src/infrastructure/http/problem-details.filter';

/**
 * One status mapping (README "HTTP API conventions"): every problem code the domain and the
 * command pipeline can raise is registered with its kind (src/domain/shared/problem-codes.ts), the
 * error classes accept only codes of their kind (checked by the compiler), the filter maps each kind
 * to one status, and docs/errors.md lists every code with that status and its rules.
 * `UPDATE_DOCS=1 npx jest test/http/problem-codes` rewrites docs/errors.md from the registry.
 */
const ROOT = join(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'errors.md');
const codes = Object.keys(PROBLEM_CODES) as ProblemCode[];

const statusText = (kind: DomainErrorKind): string => (kind === 'concurrency' ? '409 (412 with If-Match)' : String(STATUS[kind]));
const row = (code: string, status: string, rules: readonly string[], meaning: string): string => `| \`${code}\` | ${status} | ${rules.join(', ')} | ${meaning} |`;

const EDGE: readonly (readonly [string, string, string])[] = [
  ['HTTP.BAD_REQUEST', '400', 'the request could not be read'],
  ['HTTP.MALFORMED_JSON', '400', 'the JSON body does not parse, is empty, is not an object or array, or has a __proto__ or constructor.prototype key'],
  ['AUTH.UNAUTHENTICATED', '401', 'no bearer token, or a bad or expired one (with `WWW-Authenticate: Bearer`)'],
  ['AUTH.FORBIDDEN', '403', 'refused by the framework for want of permission'],
  ['HTTP.NOT_FOUND', '404', 'no such route'],
  ['HTTP.METHOD_NOT_ALLOWED', '405', 'the route does not take this method'],
  ['HTTP.NOT_ACCEPTABLE', '406', 'no acceptable representation'],
  ['HTTP.PAYLOAD_TOO_LARGE', '413', 'the body is over 256 kB'],
  ['HTTP.UNSUPPORTED_MEDIA_TYPE', '415', 'the body is not JSON'],
  ['INTERNAL.UNEXPECTED', '500', 'a fault of the service, logged; never a caller\'s mistake'],
  ['STORE.UNAVAILABLE', '503', 'the event store or database is unreachable or timed out; retry after `Retry-After` (the same Idempotency-Key appends once)'],
  ['READ_MODEL.LAGGING', '503', 'the read models have not reached the requested minimum position within the wait bound; retry after `Retry-After`'],
  ['LOG.NO_SIGNING_KEY', '503', 'no log signing key is configured (LOG_SIGNING_KEY), so no checkpoint is published'],
];

const render = (): string =>
  [
    '# Problem codes',
    '',
    'Every error the API answers is RFC 9457 `application/problem+json` with a stable `code`, and a `rule`',
    'when a rule of `domain-rules.md` is what refused the step. The status follows from the kind of',
    'problem, in one place (`src/infrastructure/http/problem-details.filter.ts`):',
    '',
    '| Status | Kind | Means |',
    '|---|---|---|',
    '| 400 | validation | the request itself is wrong: a field, or fields that contradict each other (`errors` lists every one) |',
    '| 401 | | no valid bearer token |',
    '| 403 | forbidden | the caller\'s roles never allow this step: identity and permission only, never a broken rule |',
    '| 404 | not_found | an id the request names is unknown |',
    '| 409 | illegal_state | the resource\'s own procedure does not allow the step now (too early, too late, already done) |',
    '| 409 / 412 | concurrency | the stream moved on: 412 when `If-Match` was sent, else 409 after the retries |',
    '| 422 | unprocessable | a well-formed step breaks a rule of law or policy, or the outside facts a rule needs (census, constitution, policy in force) are missing |',
    '',
    'The table below is generated from `src/domain/shared/problem-codes.ts`; `test/http/problem-codes.spec.ts`',
    'fails when the two differ (`UPDATE_DOCS=1 npx jest test/http/problem-codes` rewrites it).',
    '',
    '## Domain and command pipeline',
    '',
    '| Code | Status | Rules | Meaning |',
    '|---|---|---|---|',
    ...[...codes].sort().map((code) => row(code, statusText(PROBLEM_CODES[code].kind), PROBLEM_CODES[code].rules, PROBLEM_CODES[code].meaning)),
    '',
    '## HTTP edge',
    '',
    '| Code | Status | Rules | Meaning |',
    '|---|---|---|---|',
    ...EDGE.map(([code, status, meaning]) => row(code, status, [], meaning)),
    '',
  ].join('\n');

class Raised extends DomainError {
  constructor(readonly kind: DomainErrorKind, readonly code: string) {
    super(`a ${code} problem`);
  }
}

const answer = (error: unknown, headers: Record<string, string> = {}): { status: number; body: Record<string, unknown> } => {
  const captured = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    sent: false,
    raw: { headersSent: false },
    header: () => undefined,
    hasHeader: () => false,
    status(code: number) {
      captured.status = code;
      return this;
    },
    type() {
      return this;
    },
    send(text: string) {
      captured.body = JSON.parse(text) as Record<string, unknown>;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/api/v1/x', method: 'POST', headers }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(error, host);
  return captured;
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('one status mapping for every problem code', () => {
  if (process.env['UPDATE_DOCS'] === '1') writeFileSync(DOC, render());

  it('docs/errors.md lists every code with the status the filter answers (generated from the registry)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(render());
  });

  it.each(codes)('%s is answered with its documented status', (code) => {
    const { kind } = PROBLEM_CODES[code];
    const { status, body } = answer(new Raised(kind, code));
    expect(status).toBe(STATUS[kind]);
    expect(body).toMatchObject({ status: STATUS[kind], code });
  });

  it('a stale If-Match is 412; the same race without it 409', () => {
    const error = new ConcurrencyError('notice-1', '3', 4n);
    expect(answer(error, { 'if-match': '"3"' }).status).toBe(412);
    expect(answer(error).status).toBe(409);
  });

  it('403 is identity and permission only: no forbidden code cites a rule', () => {
    expect(codes.filter((c) => PROBLEM_CODES[c].kind === 'forbidden' && PROBLEM_CODES[c].rules.length > 0)).toEqual([]);
  });

  // Compliance findings of src/projections (CONSULTATION.NOT_IMPLEMENTED, ...) are violations in read models, not problems.
  it('every code written in the source is registered (domain) or answered by the edge', () => {
    const known = new Set<string>([...codes, ...EDGE.map(([code]) => code), ...Object.values(HTTP_CODES)]);
    const literal = /['`]([A-Z][A-Z_]+\.[A-Z][A-Z0-9_]+)['`]/g;
    const unknown: string[] = [];
    for (const file of ['domain', 'application', 'infrastructure'].flatMap((layer) => sourceFiles(join(ROOT, 'src', layer))).filter((f) => !f.endsWith('.generated.ts'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(literal)) if (!known.has(match[1]!)) unknown.push(`${file.slice(ROOT.length + 1)}: ${match[1]}`);
    }
    expect(unknown).toEqual([]);
  });
});
