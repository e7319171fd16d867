import type { RecordedEvent } from '../../src/domain/shared';
import { buildReport, reportJsonChunks, type ReportAnchor } from '../../src/reports';
import { FileRunStore } from '../../src/infrastructure/reports/file-run-store';
import { logEvents } from '../../src/infrastructure/reports/log-events';
import type { Progress } from '../lib/progress';
import type { Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';

/**
 * R1: the compliance report `all` over a generated history of N events in C communities (default
 * 1,000,000 in 1,000), streamed through the event-store port as the CLI and HTTP route read it.
 * The history is generated inside PostgreSQL (INSERT ... SELECT generate_series, untimed): first the
 * communities (10 per township, 100 per county), then rounds of one event per community, cycling
 * through 20 slots that cover every procedure (meetings, publications, supervision casebook and
 * appraisals, assignments, consultations, change requests, missed cadences), dated over two years.
 * The baseline reads the same events through the same pages without folding them.
 */
export const R1_SLOTS = 20;
const CHUNK = 100_000;

const seedSql = (communities: number, total: number): string => `
INSERT INTO cl_events (global_position, transaction_id, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash)
SELECT g + 1, pg_current_xact_id(), md5('r1-' || g)::uuid, x.stream, x.rev, x.type, 1, x.data,
       jsonb_build_object('actor', 'bench', 'actorRoles', jsonb_build_array('community_party_organisation'), 'commandId', 'r1-' || g, 'correlationId', 'bench',
                          'causationId', 'bench', 'occurredAt', w.at, 'recordedAt', w.at),
       '', ''
FROM generate_series($1::bigint, $2::bigint) AS g
CROSS JOIN LATERAL (SELECT (g % ${communities})::int AS c, (g / ${communities})::int AS r) AS k
CROSS JOIN LATERAL (SELECT k.c, k.r, (k.r - 1) % ${R1_SLOTS} AS slot, (k.r - 1) / ${R1_SLOTS} AS cycle,
                           'c-' || k.c AS cid, 't-' || (k.c / 10) AS tid, 'd-' || (k.c / 100) AS did,
                           (date '2025-01-01' + (k.r * 730 / greatest(1, ${Math.ceil(total / communities)}))::int) AS day) AS v
CROSS JOIN LATERAL (SELECT to_char(v.day, 'YYYY-MM-DD') AS d, to_char(v.day, 'YYYY-MM-DD') || 'T04:00:00.000Z' AS at,
                           v.cid || '-' || v.cycle AS n, CASE WHEN v.c % 2 = 0 THEN 'villagers_meeting' ELSE 'residents_meeting' END AS mk) AS w
CROSS JOIN LATERAL (SELECT
  CASE WHEN k.r = 0 THEN 'community-' || v.cid
       WHEN v.slot IN (0, 1, 2) THEN 'meeting-m-' || w.n
       WHEN v.slot = 3 THEN 'publication-p-' || w.n
       WHEN v.slot IN (8, 9) THEN 'work-assignment-a-' || w.n || '-' || v.slot
       WHEN v.slot BETWEEN 10 AND 14 THEN 'consultation-k-' || w.n
       WHEN v.slot = 15 THEN 'community-' || v.cid
       WHEN v.slot IN (18, 19) THEN 'work-list-change-cr-' || w.n
       ELSE 'supervision-' || v.cid END AS stream,
  k.r::bigint AS rev,
  CASE WHEN k.r = 0 THEN 'CommunityRegistered' ELSE (ARRAY['MeetingConvened', 'AttendanceRecorded', 'VoteRecorded', 'PublicationPosted', 'InquiryRaised',
       CASE WHEN v.cycle % 3 = 0 THEN 'MisconductReported' ELSE 'InquiryAnswered' END, 'RectificationRequested', 'RectificationClosed', 'TaskAdmitted', 'TaskRefused',
       'OpinionsSolicited', 'ContentNotified', 'ConsultationHeld', 'OpinionFormed', 'ConsultationClosed', 'MeetingCadenceMissed', 'AppraisalRecorded',
       CASE WHEN v.cycle % 10 = 0 THEN 'SupervisionEligibilityConflictRecorded' ELSE 'KinshipDeclared' END, 'ChangeRequestFiled', 'ChangeRequestApproved'])[v.slot + 1] END AS type,
  CASE WHEN k.r = 0 THEN jsonb_build_object('communityId', v.cid, 'kind', CASE WHEN v.c % 2 = 0 THEN 'village' ELSE 'urban_community' END, 'name', v.cid,
                                            'townshipRef', v.tid, 'districtRef', v.did, 'timeZone', 'Asia/Shanghai', 'occurredAt', w.at)
  ELSE jsonb_build_object('communityId', v.cid, 'occurredAt', w.at) || CASE v.slot
    WHEN 0 THEN jsonb_build_object('meetingId', 'm-' || w.n, 'kind', w.mk, 'meetingDate', w.d)
    WHEN 1 THEN jsonb_build_object('meetingId', 'm-' || w.n, 'kind', w.mk, 'heldOn', w.d, 'quorumMet', v.cycle % 7 <> 0)
    WHEN 2 THEN jsonb_build_object('meetingId', 'm-' || w.n, 'itemId', 'i-1', 'kind', w.mk, 'outcome', CASE WHEN v.cycle % 5 = 0 THEN 'rejected' ELSE 'adopted' END, 'decidedOn', w.d)
    WHEN 3 THEN jsonb_build_object('publicationId', 'p-' || w.n, 'category', CASE WHEN v.cycle % 2 = 0 THEN 'finance' ELSE 'meeting_decisions' END, 'postedFrom', w.d,
                                   'postedUntil', to_char(v.day + 20, 'YYYY-MM-DD'), 'covers', '[]'::jsonb, 'channels', '["public_board"]'::jsonb)
    WHEN 4 THEN jsonb_build_object('committeeId', 'sc-' || v.cid, 'inquiryId', 'q-' || w.n, 'domain', 'finance', 'answerDueBy', to_char(v.day + 10, 'YYYY-MM-DD'))
    WHEN 5 THEN jsonb_build_object('committeeId', 'sc-' || v.cid, 'inquiryId', 'q-' || w.n, 'reportId', 'mr-' || w.n)
    WHEN 6 THEN jsonb_build_object('findingId', 'f-' || w.n, 'rectificationId', 'r-' || w.n, 'dueBy', to_char(v.day + 30, 'YYYY-MM-DD'))
    WHEN 7 THEN jsonb_build_object('rectificationId', 'r-' || w.n, 'outcome', CASE WHEN v.cycle % 4 = 0 THEN 'not_rectified' ELSE 'rectified' END, 'closedOn', w.d)
    WHEN 8 THEN jsonb_build_object('assignmentId', 'a-' || w.n || '-8', 'jurisdictionId', 'j-' || (v.c / 100), 'departmentRef', 'dept-' || (v.cycle % 10), 'assignedOn', w.d, 'list', 'duty', 'emergency', null)
    WHEN 9 THEN jsonb_build_object('assignmentId', 'a-' || w.n || '-9', 'jurisdictionId', 'j-' || (v.c / 100), 'departmentRef', 'dept-' || (v.cycle % 10), 'assignedOn', w.d, 'reason', 'not_on_list')
    WHEN 10 THEN jsonb_build_object('consultationId', 'k-' || w.n, 'townshipId', v.tid, 'localityId', v.tid, 'communityKind', 'urban')
    WHEN 11 THEN jsonb_build_object('consultationId', 'k-' || w.n, 'notified', '[]'::jsonb, 'channels', '["sms"]'::jsonb, 'noticeLeadDays', 3)
    WHEN 12 THEN jsonb_build_object('consultationId', 'k-' || w.n, 'form', 'council', 'attendance', '[]'::jsonb, 'views', '[]'::jsonb)
    WHEN 13 THEN jsonb_build_object('consultationId', 'k-' || w.n, 'implementationStartDue', to_char(v.day + 30, 'YYYY-MM-DD'), 'publicationDue', to_char(v.day + 10, 'YYYY-MM-DD'))
    WHEN 14 THEN jsonb_build_object('consultationId', 'k-' || w.n)
    WHEN 15 THEN jsonb_build_object('meetingKind', w.mk, 'period', 'p-' || v.cycle, 'rule', 'VM-4', 'dueBy', w.d, 'detectedOn', w.d)
    WHEN 16 THEN jsonb_build_object('appraisalId', 'ap-' || w.n, 'year', to_char(v.day, 'YYYY'), 'results',
                                    jsonb_build_array(jsonb_build_object('verdict', 'competent'), jsonb_build_object('verdict', CASE WHEN v.cycle % 6 = 0 THEN 'incompetent' ELSE 'basically_competent' END)))
    WHEN 17 THEN jsonb_build_object('committeeId', 'sc-' || v.cid, 'conflictId', 'cf-' || w.n, 'kinshipId', 'k-' || w.n, 'rule', 'SV-3', 'cause', 'near_relative', 'post', 'director', 'detectedOn', w.d)
    WHEN 18 THEN jsonb_build_object('changeRequestId', 'cr-' || w.n, 'jurisdictionId', 'j-' || (v.c / 100), 'filedOn', w.d, 'decisionDueOn', to_char(v.day + 21, 'YYYY-MM-DD'))
    ELSE jsonb_build_object('changeRequestId', 'cr-' || w.n, 'decidedOn', w.d, 'late', v.cycle % 3 = 0)
  END END AS data) AS x`;

/** Untimed: the generated history, in chunks of 100,000 rows; the position sequence is moved past it. */
export const seedR1 = async (target: OpenedStore, events: number, communities: number, progress: Progress): Promise<void> => {
  for (let from = 0; from < events; from += CHUNK) {
    const to = Math.min(events, from + CHUNK) - 1;
    await target.sql.query(seedSql(communities, events), [from, to]);
    progress.tick(to - from + 1);
  }
  await target.sql.query("SELECT setval('cl_events_position_seq', $1::bigint)", [events]);
  await target.sql.query('ANALYZE cl_events');
};

const ANCHOR: ReportAnchor = { origin: null, treeSize: null, rootHash: null, signed: false, signedAt: null };

/** Peak resident set size while `fn` runs, sampled every 20 ms (and at the end). */
const withPeakRss = async <T>(fn: () => Promise<T>): Promise<{ value: T; peakRssMb: number; startRssMb: number }> => {
  const startRssMb = process.memoryUsage.rss() / 1e6;
  let peak = startRssMb;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss() / 1e6);
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss() / 1e6);
    return { value, peakRssMb: Math.round(peak), startRssMb: Math.round(startRssMb) };
  } finally {
    clearInterval(timer);
  }
};

const ticking = async function* (events: AsyncIterable<RecordedEvent>, progress: Progress): AsyncGenerator<RecordedEvent> {
  let n = 0;
  for await (const e of events) {
    yield e;
    if (++n % 10_000 === 0) progress.tick(10_000);
  }
};

/** The report `all` over every event, rendered as JSON (the bytes a caller gets). */
export const r1Report = async (target: OpenedStore, events: number, progress: Progress): Promise<Measurement> => {
  global.gc?.();
  const t0 = performance.now();
  const { value, peakRssMb, startRssMb } = await withPeakRss(async () => {
    // As the CLI and the route do: rows spilled in sorted runs to temporary files, merged as the JSON is written.
    const runs = new FileRunStore();
    try {
      const doc = await buildReport(ticking(logEvents(target.eventStore, { position: BigInt(events) }), progress), { name: 'all' }, ANCHOR, undefined, { runs, texts: runs });
      let bytes = 0;
      for await (const chunk of reportJsonChunks(doc)) bytes += Buffer.byteLength(chunk);
      return { rows: Object.fromEntries(doc.sections.map((s) => [s.name, s.rowCount])), bytes };
    } finally {
      runs.dispose();
    }
  });
  const elapsedMs = performance.now() - t0;
  return { events, elapsedMs, latenciesMs: [elapsedMs], extra: { seconds: Number((elapsedMs / 1000).toFixed(1)), startRssMb, peakRssMb, jsonBytes: value.bytes, rows: value.rows } };
};

/** Baseline: the same pages read and dropped. */
export const r1Read = async (target: OpenedStore, events: number, progress: Progress): Promise<Measurement> => {
  global.gc?.();
  const t0 = performance.now();
  const { value, peakRssMb, startRssMb } = await withPeakRss(async () => {
    let n = 0;
    for await (const e of ticking(logEvents(target.eventStore, { position: BigInt(events) }), progress)) if (e.globalPosition > 0n) n += 1;
    return n;
  });
  const elapsedMs = performance.now() - t0;
  return { events: value, elapsedMs, latenciesMs: [elapsedMs], extra: { seconds: Number((elapsedMs / 1000).toFixed(1)), startRssMb, peakRssMb } };
};
