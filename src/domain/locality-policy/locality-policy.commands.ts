import type { Command } from '../shared';
import type { CatalogueEntry } from './locality-policy.events';

export type AdoptLocalityPolicyVersion = Command<
  'AdoptLocalityPolicyVersion',
  {
    localityId: string;
    effectiveFrom: string;
    catalogue: readonly CatalogueEntry[];
    noticeLeadDays: number;
    implementationStartDeadlineDays: number;
    publicationDeadlineDays: number;
    channels: readonly string[];
    extraConsultationForms: readonly string[];
    seriousContestPercent: number;
  }
>;

export type LocalityPolicyCommand = AdoptLocalityPolicyVersion;
