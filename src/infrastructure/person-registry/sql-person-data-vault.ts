import type { PersonalData, PersonDataVault, VaultEntry } from '../../application/ports/person-data-vault.port';
import type { SqlClient } from '../event-store/sql/sql-client';
import { newDataKey, open, seal, type KeyWrapper } from './person-data-cipher';
import { PERSON_DATA_SCHEMA } from './person-data-schema';

/** The vault in the service's SQL database (PostgreSQL or embedded PGlite), beside the event log but never in it. */
export class SqlPersonDataVault implements PersonDataVault {
  constructor(private readonly sql: SqlClient, private readonly wrapper: KeyWrapper) {}

  async migrate(): Promise<void> {
    await this.sql.exec(PERSON_DATA_SCHEMA);
  }

  async entry(personRef: string): Promise<VaultEntry | null> {
    const { rows } = await this.sql.query<{ community_id: string; command_id: string; erased: boolean }>(
      'SELECT p.community_id, p.command_id, (p.erased_at IS NOT NULL OR k.person_ref IS NULL) AS erased FROM cl_persons p LEFT JOIN cl_person_keys k USING (person_ref) WHERE p.person_ref = $1',
      [personRef],
    );
    const row = rows[0];
    return row === undefined ? null : { personRef, communityId: row.community_id, commandId: row.command_id, erased: row.erased };
  }

  async store(entry: Omit<VaultEntry, 'erased'>, data: PersonalData): Promise<void> {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from(JSON.stringify(data), 'utf8'), entry.personRef);
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO cl_persons (person_ref, community_id, command_id, ciphertext, iv, tag) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (person_ref) DO UPDATE SET community_id = EXCLUDED.community_id, command_id = EXCLUDED.command_id,
           ciphertext = EXCLUDED.ciphertext, iv = EXCLUDED.iv, tag = EXCLUDED.tag, stored_at = now() WHERE cl_persons.erased_at IS NULL`,
        [entry.personRef, entry.communityId, entry.commandId, sealed.ciphertext, sealed.iv, sealed.tag],
      );
      await tx.query(
        `INSERT INTO cl_person_keys (person_ref, wrapped_key, wrapped_by) VALUES ($1, $2, $3)
         ON CONFLICT (person_ref) DO UPDATE SET wrapped_key = EXCLUDED.wrapped_key, wrapped_by = EXCLUDED.wrapped_by`,
        [entry.personRef, this.wrapper.wrap(key, entry.personRef), this.wrapper.id],
      );
    });
  }

  async read(personRef: string): Promise<PersonalData | 'erased' | null> {
    const { rows } = await this.sql.query<{ ciphertext: Buffer; iv: Buffer; tag: Buffer; wrapped_key: Buffer | null; erased: boolean }>(
      `SELECT p.ciphertext, p.iv, p.tag, k.wrapped_key, p.erased_at IS NOT NULL AS erased
         FROM cl_persons p LEFT JOIN cl_person_keys k USING (person_ref) WHERE p.person_ref = $1`,
      [personRef],
    );
    const row = rows[0];
    if (row === undefined) return null;
    if (row.erased || row.wrapped_key === null) return 'erased';
    const key = this.wrapper.unwrap(Buffer.from(row.wrapped_key), personRef);
    return JSON.parse(open(key, { ciphertext: Buffer.from(row.ciphertext), iv: Buffer.from(row.iv), tag: Buffer.from(row.tag) }, personRef).toString('utf8')) as PersonalData;
  }

  async destroyKey(personRef: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('DELETE FROM cl_person_keys WHERE person_ref = $1', [personRef]);
      await tx.query('UPDATE cl_persons SET erased_at = coalesce(erased_at, now()) WHERE person_ref = $1', [personRef]);
    });
  }
}
