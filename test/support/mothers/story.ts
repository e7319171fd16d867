import type { INestApplication } from '@nestjs/common';

/**
 * A story: the steps of one procedure, in an order in which each is accepted, as HTTP writes
 * (`POST /api/v1…`). Bodies name only what makes the step valid (ids, dates, counts, the facts other
 * steps refer to); a walk fills the rest from the OpenAPI examples (test/support/openapi-examples.ts).
 * Used by the personal-data walker, which plants personal data in every free-text and reference
 * field of every step and so stores it through every write route.
 */
export type StoryContext = Readonly<{ app: INestApplication; token: string }>;
export type Step = Readonly<{
  /** The OpenAPI path template, e.g. `/api/v1/meetings/{meetingId}/votes`. */
  path: string;
  params: Readonly<Record<string, string>>;
  /** Fields of the body; `undefined` drops an example field; `keep(x)` is sent as is, never planted. */
  body: Readonly<Record<string, unknown>> | ((context: StoryContext) => Promise<Readonly<Record<string, unknown>>>);
}>;

/** A value a walk must send unchanged (an id another step refers to, a signature). */
export class Kept {
  constructor(readonly value: unknown) {}
}
export const keep = (value: unknown): Kept => new Kept(value);

/** A step: `post('/meetings/{meetingId}/votes', { meetingId: 'm-1' }, { … })`. */
export const post = (path: string, params: Record<string, string>, body: Step['body'] = {}): Step => ({ path: `/api/v1${path}`, params, body });

/** A local time in Asia/Shanghai: `at('2026-03-07')` is 10:00 that day, `at('2026-03-07', '09:30')`. */
export const at = (date: string, time = '10:00'): string => `${date}T${time}:00+08:00`;

export const HASH = (c: string): string => c.repeat(64);
