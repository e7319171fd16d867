import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problem-details';
import { PROBLEM_CODES } from './problem-codes.generated';
import { applyValidationConstraints } from './validation-constraints';
import { accessSentence, routeAccess, type RouteAccess } from './route-access';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  responses?: Record<string, { headers?: Record<string, unknown> } & Record<string, unknown>>;
  [extension: string]: unknown;
};

/** What goes into `x-roles`: the role requirements, or `public`, or `authenticated` (any valid token). */
export const xRoles = (access: RouteAccess): string[] => (access.public ? ['public'] : access.roles.length === 0 ? ['authenticated'] : [...access.roles]);

/**
 * The OpenAPI document of the running app. Beyond what the decorators say, it is completed from the
 * metadata the server enforces, so it cannot disagree with it: each operation's roles (`x-roles` and
 * a sentence in its description, from the AuthGuard's metadata), a readable unique operationId, the
 * ETag header of one-stream resources, and the ProblemDetails `code` enum.
 */
export const buildOpenApiDocument = (app: INestApplication): OpenAPIObject => {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Civic Ledger')
      .setDescription(
        'Event-sourced records of community governance procedures. Errors are RFC 9457 application/problem+json (ProblemDetailsDto). ' +
          'Procedure steps are POSTs returning 201 with ETag; send If-Match for optimistic concurrency and Idempotency-Key to make retries safe. ' +
          'Every GET accepts minPosition (or X-Min-Position) to read its own writes. Each operation names the roles that may call it (x-roles).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  const access = routeAccess(app);
  applyValidationConstraints(document, new Map([...access].map(([id, rule]) => [id, rule.queryDtos])));
  const operations: Operation[] = [];
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation !== undefined) operations.push(operation);
    }
  }
  const methodCount = new Map<string, number>();
  for (const operation of operations) {
    const rule = access.get(operation.operationId ?? '');
    if (rule !== undefined) methodCount.set(rule.method, (methodCount.get(rule.method) ?? 0) + 1);
  }
  for (const operation of operations) {
    const rule = access.get(operation.operationId ?? '');
    if (rule === undefined) continue;
    operation['x-roles'] = xRoles(rule);
    operation.description = [accessSentence(rule), operation.description].filter(Boolean).join('\n\n');
    const base = rule.controller.replace(/Controller$/, '');
    operation.operationId = methodCount.get(rule.method) === 1 ? rule.method : `${base.charAt(0).toLowerCase()}${base.slice(1)}_${rule.method}`;
    const ok = operation.responses?.['200'];
    if (rule.streamResource && ok !== undefined) {
      ok.headers = { ...ok.headers, ETag: { description: 'the stream revision ("3"): send it as If-Match on the next step of this stream', schema: { type: 'string', example: '"3"' } } };
    }
  }
  const problem = document.components?.schemas?.['ProblemDetailsDto'] as { properties?: Record<string, Record<string, unknown>> } | undefined;
  if (problem?.properties !== undefined) {
    problem.properties['code'] = { ...problem.properties['code'], enum: [...PROBLEM_CODES] };
    problem.properties['currentRevision'] = {
      type: 'integer',
      description: '409/412 after a concurrent write: the stream revision now; send it as If-Match after re-reading',
      example: 4,
    };
  }
  return document;
};

/** Serves the document at /api/docs (UI) and /api/docs-json. */
export const setUpOpenApi = (app: INestApplication): void => {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
};
