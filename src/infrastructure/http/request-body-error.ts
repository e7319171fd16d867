import type { NextFunction, Request, Response } from 'express';

/**
 * A body-parser failure (malformed JSON, body too large, bad charset). Nest would turn the
 * SyntaxError into a bare BadRequestException; keeping body-parser's `type` lets the problem
 * filter answer with a precise code.
 */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}

const fromBodyParser = (error: unknown): error is Error & { status: number; type: string } =>
  error instanceof Error && typeof (error as { status?: unknown }).status === 'number' && typeof (error as { type?: unknown }).type === 'string';

/** Express error middleware, installed right after the body parsers. */
export const mapBodyParserErrors = (error: unknown, _request: Request, _response: Response, next: NextFunction): void => {
  next(fromBodyParser(error) ? new RequestBodyError(error.status, error.type, error.message) : error);
};
