import type { RecordedEvent } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, upsert, type SectionFold } from '../section-fold';
import { PLACE_COLUMNS } from './place-columns';

const COUNTERS = ['petitions', 'petitionsObliging', 'convened', 'held', 'quorumMet', 'quorumNotMet', 'adopted', 'rejected', 'corrected', 'revokedByCourt', 'overruled', 'cadenceMissed'] as const;
type Counter = (typeof COUNTERS)[number];
type Tally = Record<Counter, number> & { lastHeldOn: string };

/**
 * 会议: per community and meeting kind, the petitions, meetings convened and held, quorum reached or
 * not, decisions adopted and rejected, decisions corrected (VM-12 / RM-8), revoked by a court (VM-13)
 * or overruled (VM-8), and cadence periods missed (VM-4, VM-10, RM-4, as recorded).
 */
export class MeetingsSection implements SectionFold {
  readonly name = 'meetings' as const;
  readonly zh = '会议';
  readonly en = 'Meetings';
  readonly columns = [
    ...PLACE_COLUMNS,
    col('meetingKind', '会议类型', 'meeting kind'),
    col('petitions', '提议召开次数', 'petitions to convene'),
    col('petitionsObliging', '应召开的提议', 'petitions that oblige'),
    col('convened', '召集次数', 'convened'),
    col('held', '召开次数', 'held'),
    col('quorumMet', '达到法定人数', 'quorum reached'),
    col('quorumNotMet', '未达法定人数', 'quorum not reached'),
    col('adopted', '通过决定', 'decisions adopted'),
    col('rejected', '未通过', 'decisions rejected'),
    col('corrected', '责令改正', 'decisions corrected'),
    col('revokedByCourt', '法院撤销', 'revoked by a court'),
    col('overruled', '上级会议撤销或变更', 'overruled by a higher meeting'),
    col('cadenceMissed', '未按期召开', 'cadence periods missed'),
    col('lastHeldOn', '最近召开日期', 'last held on'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly tallies = new Map<string, Tally>();
  /** Meeting id -> its kind (one entry per meeting; the kinds are interned). */
  private readonly meetingKinds = new Map<string, string>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    const d = dataOf(e);
    if (e.type === 'MeetingConvened' || e.type === 'ConveningPetitioned') this.meetingKinds.set(String(d.meetingId), ctx.intern(String(d.kind)));
    const counter = this.counterFor(e);
    if (counter === undefined) return;
    const communityId = ctx.communityOf(e);
    if (!ctx.inScope(communityId) || !ctx.inRange(ctx.dateOf(e, communityId))) return;
    const kind = String(d.meetingKind ?? d.kind ?? this.meetingKinds.get(String(d.meetingId)) ?? '');
    const tally = upsert(this.tallies, `${communityId ?? ''}\u0000${kind}`, () => ({ ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>), lastHeldOn: '' }));
    tally[counter] += 1;
    if (e.type === 'ConveningPetitioned' && d.obliges === true) tally.petitionsObliging += 1;
    if (e.type === 'AttendanceRecorded') {
      tally[d.quorumMet === true ? 'quorumMet' : 'quorumNotMet'] += 1;
      if (String(d.heldOn) > tally.lastHeldOn) tally.lastHeldOn = String(d.heldOn);
    }
  }

  private counterFor(e: RecordedEvent): Counter | undefined {
    switch (e.type) {
      case 'ConveningPetitioned': return 'petitions';
      case 'MeetingConvened': return 'convened';
      case 'AttendanceRecorded': return 'held';
      case 'VoteRecorded': return dataOf(e).outcome === 'adopted' ? 'adopted' : 'rejected';
      case 'CorrectionOrdered': return 'corrected';
      case 'DecisionRevokedByCourt': return 'revokedByCourt';
      case 'DecisionOverruledByHigherMeeting': return 'overruled';
      case 'MeetingCadenceMissed': return 'cadenceMissed';
      default: return undefined;
    }
  }

  finish(ctx: ReportContext): void {
    for (const [key, t] of this.tallies) {
      const [communityId = '', kind = ''] = key.split('\u0000');
      const place = ctx.community(communityId);
      this.out.add([communityId, place?.townshipRef ?? '', place?.districtRef ?? '', kind, ...COUNTERS.map((c) => t[c]), t.lastHeldOn]);
    }
  }
}
