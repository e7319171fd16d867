import type { SectionName } from '../report-model';
import type { RowSink } from '../row-sorter';
import type { SectionFold } from '../section-fold';
import { ComplianceSection } from './compliance.section';
import { ConsultationsSection } from './consultations.section';
import { MeetingsSection } from './meetings.section';
import { PublicationSection } from './publication.section';
import { SupervisionSection } from './supervision.section';
import { WorkListAdmissionsSection } from './work-list-admissions.section';
import { WorkListBurdenSection } from './work-list-burden.section';
import { WorkListChangesSection } from './work-list-changes.section';

const FACTORIES: Readonly<Record<SectionName, (rows: RowSink) => SectionFold>> = {
  compliance: (rows) => new ComplianceSection(rows),
  publication: (rows) => new PublicationSection(rows),
  meetings: (rows) => new MeetingsSection(rows),
  supervision: (rows) => new SupervisionSection(rows),
  'work-list-changes': (rows) => new WorkListChangesSection(rows),
  'work-list-admissions': (rows) => new WorkListAdmissionsSection(rows),
  'work-list-burden': (rows) => new WorkListBurdenSection(rows),
  consultations: (rows) => new ConsultationsSection(rows),
};

export const createSection = (name: SectionName, rows: RowSink): SectionFold => FACTORIES[name](rows);
