import { PublicationEntity } from '../../../projections/supervision/publication.entity';
import { entitySchema } from '../openapi/entity-schema';
import { DATE, NULLABLE_PROVENANCE, TEXT, viewSchema } from '../openapi/view-schema';

export const OBLIGATIONS_SCHEMA = viewSchema({ communityId: TEXT, asOf: DATE, obligations: 'publication obligations (PD-1, PD-5), each with its due date, covering publication and recorded miss', provenance: NULLABLE_PROVENANCE });
export const APPRAISALS_SCHEMA = viewSchema({ communityId: TEXT, yearsAppraised: 'years with an appraisal', cadres: 'per cadre: counts, verdict under the locality threshold, mandate terminations (SV-7)', provenance: NULLABLE_PROVENANCE });
export const ROSTER_SCHEMA = viewSchema({
  communityId: TEXT,
  asOf: DATE,
  activeCommitteeId: { type: 'string', nullable: true },
  flags: 'e.g. SV-1 NO_ACTIVE_SUPERVISION_COMMITTEE',
  committees: 'committees with mandate status (SV-4) and members with eligibility (SV-3, SV-10)',
  conflicts: 'open and resolved conflicts',
  kinships: 'recorded kinships',
  misconductReports: 'misconduct reports (SV-6)',
  provenance: NULLABLE_PROVENANCE,
});
export const PUBLIC_BOARD_SCHEMA = viewSchema({ communityId: TEXT, asOf: DATE, postedNow: 'postings in force on asOf (published content only)', history: 'every posting, newest first' });
export const PUBLICATION_CADENCE_SCHEMA = viewSchema({
  communityId: TEXT,
  asOf: DATE,
  from: DATE,
  policyVersion: { type: 'integer', nullable: true },
  policyLocalityId: { type: 'string', nullable: true },
  settings: 'the cadence settings of the policy in force',
  missing: 'periods missed (PD-2, PD-5)',
  periods: 'per category and period: due date and status',
});
export const PUBLICATION_SCHEMA = entitySchema(PublicationEntity);
