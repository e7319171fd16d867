import type { SectionName } from '../report-model';
import type { SectionFold } from '../section-fold';
import { ComplianceSection } from './compliance.section';
import { ConsultationsSection } from './consultations.section';
import { MeetingsSection } from './meetings.section';
import { PublicationSection } from './publication.section';
import { SupervisionSection } from './supervision.section';
import { WorkListAdmissionsSection } from './work-list-admissions.section';
import { WorkListBurdenSection } from './work-list-burden.section';
import { WorkListChangesSection } from './work-list-changes.section';

const FACTORIES: Readonly<Record<SectionName, () => SectionFold>> = {
  compliance: () => new ComplianceSection(),
  publication: () => new PublicationSection(),
  meetings: () => new MeetingsSection(),
  supervision: () => new SupervisionSection(),
  'work-list-changes': () => new WorkListChangesSection(),
  'work-list-admissions': () => new WorkListAdmissionsSection(),
  'work-list-burden': () => new WorkListBurdenSection(),
  consultations: () => new ConsultationsSection(),
};

export const createSection = (name: SectionName): SectionFold => FACTORIES[name]();
