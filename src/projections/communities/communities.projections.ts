import { defineProjection } from '../projection';
import * as communities from './communities.fold';
import { CommunityEntity } from './community.entity';

export const communitiesProjection = defineProjection<CommunityEntity>({
  name: 'communities',
  version: 3,
  entity: CommunityEntity,
  canHandle: communities.canHandle,
  key: communities.key,
  evolve: communities.evolve,
});
