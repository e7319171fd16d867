import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { pathOf, type HttpRequest, type HttpReply } from '../http/http-types';
import { APP_CONFIG, EVENT_STORE, SQL_CLIENT } from '../../application/command-handling/tokens';
import type { EventStore } from '../../application/ports/event-store.port';
import type { AppConfig } from '../config/app-config';
import { DomainError, NotFoundError } from '../../domain/shared';
import { Public } from '../auth/auth.decorators';
import { TokenService, type Actor } from '../auth/token.service';
import type { SqlClient } from '../event-store/sql/sql-client';
import { ConsultationReadService } from '../http/consultation/consultation-read.service';
import { MeetingReadModels } from '../http/meetings/meeting-read-models.service';
import { mayReadPersonalData, redactForPublic } from '../http/public-redaction';
import { SupervisionReadModels } from '../http/supervision/supervision-read-models.service';
import { WorkListReadModels } from '../http/work-item-lists/work-list-read-models.service';
import { TransparencyLog } from '../transparency/transparency-log';
import { auditAsset } from './audit-assets';
import { communityGlances, HISTORY_PAGE_SIZE } from './audit-page-data';
import type { SafeHtml } from './html';
import { langOf } from './messages/messages';
import { pageContext, type PageContext } from './page-context';
import { proofStates } from './proof-state';
import { clearSession, sessionToken, setSession } from './session-cookie';
import { communityPage } from './views/community.view';
import { compliancePage } from './views/compliance.view';
import { consultationPage } from './views/consultation.view';
import { meetingPage } from './views/meeting.view';
import { asArray, asRecord, str } from './views/parts';
import { messagePage, signInPage } from './views/sign-in.view';
import { indexPage, townshipPage } from './views/township.view';
import { workListPage } from './views/work-list.view';
import type { TrendPoint } from './views/burden-chart';

/** The page routes under /audit, outside the API prefix (create-app excludes exactly these from /api/v1). */
export const AUDIT_PAGE_ROUTES = [
  'audit',
  'audit/townships/:townshipRef',
  'audit/communities/:communityId',
  'audit/consultations/:consultationId',
  'audit/meetings/:meetingId',
  'audit/work-lists/:jurisdictionId',
  'audit/compliance',
  'audit/sign-in',
  'audit/sign-out',
  'audit/assets/:file',
] as const;

/** `default-src 'self'`: every script, style, image and request stays on the engine. */
export const AUDIT_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

type Query = Record<string, unknown>;

const stringQuery = (q: Query): Record<string, string> =>
  Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[0] !== 'lang' && typeof e[1] === 'string'));

/**
 * Read-only audit pages for supervisory committees and residents (issue 12), rendered on the server
 * from the read models (and the log for proof state). Public: no token, and every record goes
 * through the same redaction as the public API (redactForPublic) unless the signed-in committee
 * member may read the place's personal data (mayReadPersonalData). Handlers write the response
 * themselves (@Res), so the global JSON interceptors see no body; they read query and form from the
 * request (the global validation pipe has no DTO for them).
 */
@ApiExcludeController()
@Public()
@Controller('audit')
export class AuditPagesController {
  constructor(
    private readonly meetings: MeetingReadModels,
    private readonly supervision: SupervisionReadModels,
    private readonly consultations: ConsultationReadService,
    private readonly workLists: WorkListReadModels,
    private readonly tokens: TokenService,
    private readonly log: TransparencyLog,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  private async context(request: HttpRequest, query: Query): Promise<PageContext> {
    const token = sessionToken(request);
    let actor: Actor | undefined;
    if (token !== undefined) actor = await this.tokens.verify(token).catch(() => undefined);
    return pageContext(langOf(query['lang']), actor, pathOf(request.url), stringQuery(query), this.config.timeZone);
  }

  /** Sends the page; a missing record is a 404 page, a caller's bad input a 400 page, in the page's language. */
  private async send(request: HttpRequest, response: HttpReply, query: Query, render: (ctx: PageContext) => Promise<SafeHtml>): Promise<void> {
    const ctx = await this.context(request, query);
    response.headers(AUDIT_PAGE_HEADERS);
    let page: SafeHtml;
    try {
      page = await render(ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      response.code(error instanceof NotFoundError ? 404 : 400);
      page = messagePage(ctx, ctx.t('notFound', ''), error.message);
    }
    response.type('text/html; charset=utf-8').send(page.value);
  }

  private view<T>(ctx: PageContext, place: { communityId: string; townshipRef?: string }, data: T): T {
    return mayReadPersonalData(ctx.actor, place) ? data : (redactForPublic(data) as T);
  }

  @Get()
  async index(@Req() req: HttpRequest, @Res() res: HttpReply): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const counts = new Map<string, number>();
      for (let cursor: string | undefined, more = true; more; ) {
        const page = await this.meetings.communities({ limit: 200, ...(cursor === undefined ? {} : { cursor }) });
        for (const c of page.items) counts.set(String(c['townshipRef']), (counts.get(String(c['townshipRef'])) ?? 0) + 1);
        cursor = page.nextCursor ?? undefined;
        more = cursor !== undefined;
      }
      return indexPage(ctx, [...counts].sort().map(([townshipRef, communities]) => ({ townshipRef, communities })));
    });
  }

  @Get('townships/:townshipRef')
  async township(@Req() req: HttpRequest, @Res() res: HttpReply, @Param('townshipRef') townshipRef: string): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const rows = await communityGlances({ meetings: this.meetings, supervision: this.supervision, consultations: this.consultations }, townshipRef);
      if (rows.length === 0) throw new NotFoundError('COMMUNITY.NOT_FOUND', `no community is registered under township ${townshipRef}`);
      return townshipPage(ctx, townshipRef, rows);
    });
  }

  @Get('communities/:communityId')
  async community(@Req() req: HttpRequest, @Res() res: HttpReply, @Param('communityId') communityId: string): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const community = await this.meetings.community(communityId);
      const page = Math.max(1, Math.min(10_000, Number.parseInt(String(q['page'] ?? '1'), 10) || 1));
      const board = await this.supervision.publicBoard(communityId);
      const postedNow = asArray(board['postedNow']);
      // The history lists what is no longer (or not yet) posted; what is posted now stands above it.
      const current = new Set(postedNow.map((p) => p['publicationId']));
      const history = asArray(board['history']).filter((p) => !current.has(p['publicationId']));
      const shown = history.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE);
      const [consultations, meetings] = await Promise.all([
        this.consultations.list({ communityId }, 50),
        this.meetings.meetings(communityId, { limit: 50 }),
      ]);
      const streams = [...postedNow, ...shown].map((p) => `publication-${String(p['publicationId'])}`);
      const data = this.view(ctx, { communityId, townshipRef: community.townshipRef }, {
        postedNow,
        history: shown,
        consultations: consultations.items as unknown as Record<string, unknown>[],
        meetings: meetings.items,
      });
      return communityPage(ctx, {
        community: { communityId, name: community.name, kind: community.kind, townshipRef: community.townshipRef },
        asOf: String(board['asOf']),
        ...data,
        page,
        hasOlder: history.length > page * HISTORY_PAGE_SIZE,
        proofs: await proofStates(this.eventStore, this.sql, this.log, streams),
      });
    });
  }

  @Get('consultations/:consultationId')
  async consultation(@Req() req: HttpRequest, @Res() res: HttpReply, @Param('consultationId') id: string): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const state = await this.consultations.state(id);
      const [timeline, publicView, compliance] = await Promise.all([
        this.consultations.timeline(id),
        this.consultations.publicView(id).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e))),
        this.consultations.compliance(id).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e))),
      ]);
      const stream = str(asRecord(asRecord(timeline.entries[0])['provenance'])['stream']) ?? `consultation-${id}`;
      const data = this.view(ctx, { communityId: state.communityId, townshipRef: state.townshipId }, {
        state: { ...state } as Record<string, unknown>,
        entries: timeline.entries as unknown as Record<string, unknown>[],
        publicView: publicView === null ? null : ({ ...publicView } as Record<string, unknown>),
        violations: (compliance?.violations ?? []) as unknown as Record<string, unknown>[],
      });
      return consultationPage(ctx, { consultationId: id, ...data, proof: (await proofStates(this.eventStore, this.sql, this.log, [stream])).get(stream) });
    });
  }

  @Get('meetings/:meetingId')
  async meeting(@Req() req: HttpRequest, @Res() res: HttpReply, @Param('meetingId') meetingId: string): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const record = await this.meetings.meetingRecord(meetingId);
      const community = await this.meetings.community(String(record['communityId']));
      const stream = str(asRecord(record['provenance'])['stream']) ?? `meeting-${meetingId}`;
      const data = this.view(ctx, { communityId: community.communityId, townshipRef: community.townshipRef }, record);
      return meetingPage(ctx, data, (await proofStates(this.eventStore, this.sql, this.log, [stream])).get(stream));
    });
  }

  @Get('work-lists/:jurisdictionId')
  async workList(@Req() req: HttpRequest, @Res() res: HttpReply, @Param('jurisdictionId') jurisdictionId: string): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const overview = await this.workLists.overview(jurisdictionId);
      const versions = asArray(overview['versions']).map((v) => Number(v['version']));
      const inForce = await this.workLists.list(jurisdictionId, {}).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e)));
      const from = Number(q['from']);
      const to = Number(q['to']);
      const diff = versions.includes(from) && versions.includes(to) ? await this.workLists.diff(jurisdictionId, from, to) : null;
      const trend = await this.workLists.trend(jurisdictionId);
      const stream = str(asRecord(overview['provenance'])['stream']);
      const data = this.view(ctx, { communityId: '' }, { inForce, diff });
      return workListPage(ctx, {
        jurisdictionId,
        versions,
        ...data,
        trend: { lists: trend['lists'] as string[], points: trend['points'] as TrendPoint[], grewBack: trend['grewBack'] === true },
        proof: stream === undefined ? undefined : (await proofStates(this.eventStore, this.sql, this.log, [stream])).get(stream),
      });
    });
  }

  @Get('compliance')
  async compliance(@Req() req: HttpRequest, @Res() res: HttpReply): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => {
      const rows: { consultationId: string; violations: Record<string, unknown>[] }[] = [];
      for (let cursor: string | undefined, more = true; more && rows.length < 500; ) {
        const page = await this.consultations.violations(undefined, 100, cursor);
        rows.push(...page.items.map((i) => ({ consultationId: i.consultationId, violations: i.violations as unknown as Record<string, unknown>[] })));
        cursor = page.nextCursor ?? undefined;
        more = cursor !== undefined;
      }
      return compliancePage(ctx, redactForPublic(rows) as typeof rows);
    });
  }

  @Get('sign-in')
  async signInForm(@Req() req: HttpRequest, @Res() res: HttpReply): Promise<void> {
    const q = req.query as Query;
    await this.send(req, res, q, async (ctx) => signInPage(ctx, false));
  }

  @Post('sign-in')
  async signIn(@Req() req: HttpRequest, @Res() res: HttpReply): Promise<void> {
    const q = req.query as Query;
    const body = req.body as Record<string, unknown> | undefined;
    const token = typeof body?.['token'] === 'string' ? body['token'].trim() : '';
    const actor = token === '' || token.length > 8192 ? undefined : await this.tokens.verify(token).catch(() => undefined);
    if (actor === undefined) {
      res.code(401);
      await this.send(req, res, q, async (ctx) => signInPage(ctx, true));
      return;
    }
    setSession(req, res, token);
    res.headers(AUDIT_PAGE_HEADERS).redirect(langOf(q['lang']) === 'en' ? '/audit?lang=en' : '/audit', 303);
  }

  @Post('sign-out')
  signOut(@Res() res: HttpReply): void {
    clearSession(res);
    res.headers(AUDIT_PAGE_HEADERS).redirect('/audit', 303);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: HttpReply): void {
    const asset = auditAsset(file);
    res.headers(AUDIT_PAGE_HEADERS);
    if (asset === undefined) {
      res.code(404).type('text/plain; charset=utf-8').send(`no asset ${file} (the audit assets are built by npm run build into dist/audit-assets)`);
      return;
    }
    res.header('Cache-Control', 'no-cache').type(asset.type).send(asset.body);
  }
}
