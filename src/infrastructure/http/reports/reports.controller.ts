import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import { APP_CONFIG, EVENT_STORE, SQL_CLIENT } from '../../../application/command-handling/tokens';
import type { EventStore } from '../../../application/ports/event-store.port';
import { REPORT_NAMES } from '../../../reports';
import { toHex } from '../../../transparency/bytes';
import { CurrentActor, RequireRoles } from '../../auth/auth.decorators';
import type { Actor } from '../../auth/token.service';
import type { AppConfig } from '../../config/app-config';
import type { SqlClient } from '../../event-store/sql/sql-client';
import { TransparencyLog } from '../../transparency/transparency-log';
import { withReport } from '../../reports/compute-report';
import { CONTENT_TYPES, parseReportRequest } from '../../reports/report-request';
import { assertFormatFits, writeReport } from '../../reports/write-report';
import { MeetingScopes } from '../meetings/meeting-scopes';
import { PROBLEM_CONTENT_TYPE } from '../problem-details';
import { assertMayRead, REPORT_READERS } from './report-access';
import { ReportQueryDto } from './reports.dto';
import { REPORT_SCHEMA } from './report-schema';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } } });

/**
 * Compliance reports (docs/reports.md), computed from the event log itself up to the newest signed
 * checkpoint (or ?at=): the same checkpoint gives the same bytes, whatever was appended since.
 * The log is read in pages through the event-store port; only per-community aggregates are held,
 * and the rows are spilled in sorted runs and merged into the response as it is written.
 */
@ApiTags('reports')
@ApiExtension('x-reads', 'event-log')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: TransparencyLog,
    private readonly scopes: MeetingScopes,
  ) {}

  @Get(':name')
  @RequireRoles(...REPORT_READERS)
  @ApiParam({ name: 'name', enum: REPORT_NAMES, description: 'a section, or all (not as csv)' })
  @ApiProduces(CONTENT_TYPES.json, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOperation({ summary: 'A compliance report over every procedure, reproducible from a signed checkpoint (JSON, CSV or XLSX)' })
  @ApiOkResponse({
    description: 'the report; its header names the checkpoint (origin, tree size, root hash) and the global position it was computed at',
    content: {
      'application/json': { schema: REPORT_SCHEMA },
      'text/csv': { schema: { type: 'string', description: '`#` lines stating the checkpoint, a header row of column keys, then the rows' } },
      [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary', description: 'one sheet per section, Chinese headers in row 1, English in row 2' } },
    },
  })
  @problem(400, 'invalid query (date, scope, format; csv of all)')
  @problem(403, 'AUTH.ROLE_REQUIRED: not a reader of reports for this place')
  @problem(404, 'no checkpoint of that tree size, or unknown community')
  @problem(409, 'LOG.TREE_TOO_SMALL: the tree has fewer leaves than ?at=')
  @problem(503, 'STORE.UNAVAILABLE: the store is unavailable (Retry-After)')
  async report(@Param('name') name: string, @Query() query: ReportQueryDto, @CurrentActor() actor: Actor | undefined, @Res() res: HttpReply): Promise<void> {
    const request = parseReportRequest({ ...query, name }, this.config.timeZone);
    assertFormatFits(name, request.format);
    await assertMayRead(actor?.roles ?? [], request.params.scope, (id) => this.scopes.placeOfCommunity(id));
    const signer = this.log.settings.signer;
    const deps = {
      sql: this.sql,
      store: this.store,
      log: { origin: this.log.settings.origin, keyId: signer === undefined ? undefined : toHex(signer.verifier.keyId) },
      ...(this.config.reportTmpDir === undefined ? {} : { tmpDir: this.config.reportTmpDir }),
    };
    // The fold runs before the first byte: a failure there is still a problem+json. The rows then
    // stream out as the sorted runs are merged; a failure after the first byte cuts the response.
    await withReport(deps, request.params, request.atSize, undefined, async (doc) => {
      // The rows go straight to the socket's stream, which Fastify leaves alone once its head is sent.
      const out = res.raw;
      out.statusCode = 200;
      out.setHeader('Content-Type', CONTENT_TYPES[request.format]);
      if (request.format !== 'json') out.setHeader('Content-Disposition', `attachment; filename="${name}.${request.format}"`);
      try {
        await writeReport(doc, request.format, out);
      } catch (error) {
        if (out.destroyed) return; // the client went away: nobody to tell (the runs are removed all the same)
        if (!out.headersSent) {
          out.removeHeader('Content-Type');
          out.removeHeader('Content-Disposition');
          throw error;
        }
        out.destroy(error as Error);
        return;
      }
      out.end();
    });
  }
}
