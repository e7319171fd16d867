import { v7 } from 'uuid';
import type { IdGenerator } from '../../application/ports/id-generator.port';

export const uuidV7IdGenerator: IdGenerator = { newId: () => v7() };
