import type { RecordedEvent } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, type SectionFold } from '../section-fold';
import { ConsultationBuffer, type CheckedStream } from './consultation-buffer';
import { PLACE_COLUMNS } from './place-columns';

/** Missed-deadline events the watchdog records; any new `...Missed` / `...Overdue` type is picked up without a change here. */
const RECORDED_MISS = /(Missed|Overdue|NotHeld|NotHonoured|NotGiven)$/;
const SUBJECT_KEYS = ['obligationId', 'changeRequestId', 'rectificationId', 'inquiryId', 'appraisalId', 'petitionId', 'meetingId', 'publicationId', 'committeeId', 'period'];
const PROCEDURE_OF_STREAM: ReadonlyArray<readonly [string, string]> = [
  ['consultation-', 'consultation'],
  ['meeting-', 'meeting'],
  ['community-', 'meeting'],
  ['publication-', 'publication'],
  ['supervision-', 'supervision'],
  ['work-', 'work-lists'],
];

const procedureOf = (stream: string): string => PROCEDURE_OF_STREAM.find(([prefix]) => stream.startsWith(prefix))?.[1] ?? 'other';
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/**
 * 程序合规: every violation by rule ID with the events that show it, over every procedure. The
 * consultation rules are re-checked by the procedure-compliance checker; the other procedures'
 * violations are the ones the history records (missed deadlines, conflicts, corrections and
 * revocations ordered by an authority, separate assessments, late decisions).
 */
export class ComplianceSection implements SectionFold {
  readonly name = 'compliance' as const;
  readonly zh = '程序合规';
  readonly en = 'Procedure compliance';
  readonly columns = [
    col('procedure', '程序', 'procedure'),
    col('rule', '规则编号', 'rule ID'),
    col('code', '违规代码', 'code'),
    col('severity', '严重程度', 'severity'),
    ...PLACE_COLUMNS,
    col('subject', '事项', 'subject'),
    col('date', '日期', 'date'),
    col('eventIds', '证据事件', 'evidence event ids'),
    col('message', '说明', 'message'),
  ];

  constructor(private readonly out: RowSink) {}

  private consultations: ConsultationBuffer | undefined;
  /** Change requests not yet decided -> their list set (the decision and the overdue record do not repeat it). */
  private readonly changeRequestJurisdiction = new Map<string, string>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    this.consultations ??= new ConsultationBuffer(() => ctx.asOf, ctx.defaultZone, (x) => ctx.dateOf(x), (checked) => this.consultationRows(checked, ctx), ctx.texts);
    this.consultations.add(e);
    const d = dataOf(e);
    switch (e.type) {
      case 'ChangeRequestFiled':
        this.changeRequestJurisdiction.set(str(d.changeRequestId), str(d.jurisdictionId));
        return;
      case 'ChangeRequestApproved':
      case 'ChangeRequestRejected':
        if (d.late === true) this.jurisdictionRow(e, ctx, '§5.3', 'WORK_LIST.DECISION_LATE', `decided on ${str(d.decidedOn)}, after the time limit`, str(d.decidedOn));
        this.changeRequestJurisdiction.delete(str(d.changeRequestId)); // decided: nothing more is recorded about it
        return;
      case 'ChangeRequestWithdrawn':
        this.changeRequestJurisdiction.delete(str(d.changeRequestId));
        return;
      case 'ChangeRequestDecisionOverdue':
        this.jurisdictionRow(e, ctx, '§5.3', e.type, `no decision by ${str(d.dueOn)}`, str(d.dueOn));
        return;
      case 'SeparateAssessmentRecorded':
        for (const communityId of (d.communityIds as string[] | undefined) ?? []) {
          this.communityRow(e, ctx, communityId, str(d.rule), e.type, str(d.assessmentId), str(d.heldOn), `${str(d.departmentRef)} assessed communities on admitted items`);
        }
        return;
      case 'CorrectionOrdered':
      case 'DecisionRevokedByCourt':
        this.communityRow(e, ctx, ctx.communityOf(e), str(d.rule), e.type, `${str(d.meetingId)}/${str(d.itemId)}`, ctx.dateOf(e), e.type === 'CorrectionOrdered' ? 'decision ordered corrected' : 'decision revoked by a court');
        return;
      case 'SupervisionEligibilityConflictRecorded':
        this.communityRow(e, ctx, ctx.communityOf(e), str(d.rule), e.type, `${str(d.committeeId)}/${str(d.conflictId)}`, str(d.detectedOn), `member ${str(d.cause)} (${str(d.post)})`);
        return;
      default:
        break;
    }
    if (RECORDED_MISS.test(e.type) && e.type !== 'ConsultationDeadlineMissed') {
      const subjectKey = SUBJECT_KEYS.find((k) => d[k] !== undefined);
      const subject = subjectKey === undefined ? '' : [str(d[subjectKey]), str(d.category), str(d.meetingKind)].filter((s) => s !== '').join(' ');
      const due = str(d.dueBy ?? d.dueOn ?? d.end) || ctx.dateOf(e);
      if (str(d.jurisdictionId) !== '' || str(d.changeRequestId) !== '') {
        this.jurisdictionRow(e, ctx, str(d.rule), e.type, `due ${due}, missed`, due);
      } else {
        this.communityRow(e, ctx, ctx.communityOf(e), str(d.rule), e.type, subject, due, `due ${due}, missed`);
      }
    }
  }

  private communityRow(e: RecordedEvent, ctx: ReportContext, communityId: string | undefined, rule: string, code: string, subject: string, date: string, message: string): void {
    if (!ctx.inScope(communityId) || !ctx.inRange(date)) return;
    const place = ctx.community(communityId);
    this.out.add([procedureOf(e.stream), rule, code, 'violation', communityId ?? '', place?.townshipRef ?? '', place?.districtRef ?? '', subject, date, e.eventId, message]);
  }

  private jurisdictionRow(e: RecordedEvent, ctx: ReportContext, rule: string, code: string, message: string, date: string): void {
    const id = str(dataOf(e).changeRequestId);
    const jurisdiction = str(dataOf(e).jurisdictionId) || (this.changeRequestJurisdiction.get(id) ?? '');
    if (!ctx.jurisdictionInScope(jurisdiction) || !ctx.inRange(date)) return;
    this.out.add([procedureOf(e.stream), rule, code, 'violation', '', '', '', [jurisdiction, id].filter((s) => s !== '').join(' '), date, e.eventId, message]);
  }

  /** A consultation's violations, dated by the latest event that shows each. */
  private consultationRows(checked: CheckedStream, ctx: ReportContext): void {
    const communityId = ctx.ownerOf('consultation', checked.stream.slice('consultation-'.length));
    if (!ctx.inScope(communityId)) return;
    const place = ctx.community(communityId);
    for (const v of checked.violations) {
      const date = v.eventIds.map((id) => checked.dates.get(id) ?? '').reduce((a, b) => (b > a ? b : a), '');
      if (!ctx.inRange(date)) continue;
      this.out.add(['consultation', v.rule, v.code, v.severity, communityId ?? '', place?.townshipRef ?? '', place?.districtRef ?? '', v.consultationId, date, v.eventIds.join(' '), v.message]);
    }
  }

  finish(): void {
    this.consultations?.finish();
  }
}
