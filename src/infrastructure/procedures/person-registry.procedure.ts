import { personRegistryDecider, PersonRegistryEventSchema } from '../../domain/person-registry';
import { PersonRegistryModule } from '../nest/person-registry.module';
import type { ProcedureDefinition } from './procedure-definition';

/** The person registry: personal data encrypted per person outside the log, erasable (crypto-shredding). */
export const personRegistryProcedure: ProcedureDefinition = {
  name: 'person registry',
  events: [{ file: 'src/domain/person-registry/person-registry.events.ts', schema: PersonRegistryEventSchema }],
  aggregates: [{ streamPrefix: 'person-', decider: personRegistryDecider }],
  projections: [],
  module: PersonRegistryModule,
};
