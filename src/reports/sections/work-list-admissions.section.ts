import type { RecordedEvent } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, share, upsert, type SectionFold } from '../section-fold';

type Tally = { admitted: number; refused: number; notOnList: number; negative: number; otherRefusals: number; refusedByCommunity: number; emergency: number };

/**
 * 准入: per list set and assigning department, the tasks admitted and refused (by reason) against the
 * list version in force on the assignment's date, emergency admissions, and the communities' own refusals.
 */
export class WorkListAdmissionsSection implements SectionFold {
  readonly name = 'work-list-admissions' as const;
  readonly zh = '事项准入';
  readonly en = 'Task admissions per department';
  readonly columns = [
    col('jurisdictionId', '清单制定机关', 'jurisdiction'),
    col('departmentRef', '派单部门', 'department'),
    col('assignments', '派单数', 'assignments'),
    col('admitted', '准入', 'admitted'),
    col('emergencyAdmitted', '应急准入', 'admitted under an emergency exemption'),
    col('refused', '拒绝', 'refused'),
    col('refusedNotOnList', '清单外', 'refused: not on the list'),
    col('refusedNegative', '负面清单', 'refused: negative list'),
    col('refusedOther', '其他原因', 'refused: other reasons'),
    col('refusedByCommunity', '社区拒绝', 'refused by the community'),
    col('refusalShare', '拒绝比例', 'share refused'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly tallies = new Map<string, Tally>();
  /** Admitted assignment -> its tally key, for the community's own refusal (which does not repeat the department). */
  private readonly assignments = new Map<string, string>();
  /** One string per list set and department, shared by every assignment that names them. */
  private readonly keys = new Map<string, string>();

  private keyOf(jurisdictionId: string, departmentRef: string): string {
    const key = `${jurisdictionId}\u0000${departmentRef}`;
    return upsert(this.keys, key, () => key);
  }

  consume(e: RecordedEvent, ctx: ReportContext): void {
    if (e.type !== 'TaskAdmitted' && e.type !== 'TaskRefused' && e.type !== 'AssignmentRefusedByCommunity') return;
    const d = dataOf(e);
    const communityId = String(d.communityId);
    if (!ctx.inScope(communityId)) return;
    if (e.type === 'AssignmentRefusedByCommunity') {
      const key = this.assignments.get(String(d.assignmentId));
      if (key !== undefined && ctx.inRange(String(d.refusedOn))) this.tally(key).refusedByCommunity += 1;
      return;
    }
    const key = this.keyOf(String(d.jurisdictionId), String(d.departmentRef));
    // Only an admitted task can be refused by its community (a refused one cannot): only those are remembered.
    if (e.type === 'TaskAdmitted') this.assignments.set(String(d.assignmentId), key);
    if (!ctx.inRange(String(d.assignedOn))) return;
    const t = this.tally(key);
    if (e.type === 'TaskAdmitted') {
      t.admitted += 1;
      if (d.emergency !== null && d.emergency !== undefined) t.emergency += 1;
    } else {
      t.refused += 1;
      if (d.reason === 'not_on_list' || d.reason === 'no_list_in_force') t.notOnList += 1;
      else if (d.reason === 'on_negative_list' || d.reason === 'negative_category') t.negative += 1;
      else t.otherRefusals += 1;
    }
  }

  private tally(key: string): Tally {
    return upsert(this.tallies, key, () => ({ admitted: 0, refused: 0, notOnList: 0, negative: 0, otherRefusals: 0, refusedByCommunity: 0, emergency: 0 }));
  }

  finish(): void {
    for (const [key, t] of this.tallies) {
      const [j = '', dept = ''] = key.split('\u0000');
      const total = t.admitted + t.refused;
      this.out.add([j, dept, total, t.admitted, t.emergency, t.refused, t.notOnList, t.negative, t.otherRefusals, t.refusedByCommunity, share(t.refused, total)]);
    }
  }
}
