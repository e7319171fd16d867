import { col } from '../section-fold';

/** The place of a community row, first in every per-community section: community, township, county. */
export const PLACE_COLUMNS = [col('communityId', '村（社区）', 'community'), col('townshipRef', '乡镇（街道）', 'township'), col('districtRef', '县（区）', 'county')] as const;
