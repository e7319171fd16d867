import { Injectable, type CallHandler, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../http-types';
import { map, type Observable } from 'rxjs';
import { servesGet, type ConditionalInterceptor, type DeclaredRoute } from '../conditional-interceptor';

/** The one provenance shape of the API: positions and revisions as strings (they are 64-bit). */
export type ProvenanceView = Readonly<{ stream: string; streamRevision: string; globalPosition: string; eventId: string }>;

const COLUMNS = ['lastStream', 'lastStreamRevision', 'lastGlobalPosition', 'lastEventId'] as const;

const isProvenanceColumns = (value: Record<string, unknown>): boolean => COLUMNS.every((c) => c in value);

const asText = (value: unknown): unknown => (typeof value === 'number' || typeof value === 'bigint' ? value.toString() : value);

/**
 * Rewrites a response body so every row and entry shows its provenance one way: a read-model row's
 * columns (`lastStream`, `lastStreamRevision`, ...) become `provenance: { stream, streamRevision,
 * globalPosition, eventId }`, and every `provenance` object, at any depth, carries its revision and
 * position as strings.
 */
export const withProvenance = (value: unknown, depth = 0): unknown => {
  if (depth > 64 || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => withProvenance(item, depth + 1));
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    if ((COLUMNS as readonly string[]).includes(key) && isProvenanceColumns(record)) continue;
    if (key === 'provenance' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const p = child as Record<string, unknown>;
      out[key] = isProvenanceColumns(p)
        ? { stream: p['lastStream'], streamRevision: asText(p['lastStreamRevision']), globalPosition: asText(p['lastGlobalPosition']), eventId: p['lastEventId'] }
        : { ...p, streamRevision: asText(p['streamRevision']), globalPosition: asText(p['globalPosition']) };
      continue;
    }
    out[key] = withProvenance(child, depth + 1);
  }
  if (isProvenanceColumns(record)) {
    out['provenance'] = {
      stream: record['lastStream'],
      streamRevision: asText(record['lastStreamRevision']),
      globalPosition: asText(record['lastGlobalPosition']),
      eventId: record['lastEventId'],
    };
  }
  return out;
};

/** Applies withProvenance to every GET answer (every GET route), so every read, of every procedure, has one shape. */
@Injectable()
export class ProvenanceInterceptor implements ConditionalInterceptor {
  appliesTo(context: ExecutionContext): boolean {
    return context.getType() === 'http' && context.switchToHttp().getRequest<HttpRequest>().method === 'GET';
  }

  mayApplyToRoute(route: DeclaredRoute): boolean {
    return servesGet(route);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.appliesTo(context)) return next.handle();
    return next.handle().pipe(map((body: unknown) => withProvenance(body)));
  }
}
