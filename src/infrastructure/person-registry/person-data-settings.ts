import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, type AppConfig } from '../config/app-config';
import { masterKeyWrapper, NO_WRAPPING, type KeyWrapper } from './person-data-cipher';

export const personMasterKeyFile = (dataDir: string): string => join(dataDir, '.person-data-master-key');

/**
 * PERSON_DATA_MASTER_KEY (base64 of 32 bytes) wraps every person's key. In embedded mode without it,
 * one is generated into DATA_DIR (mode 0600) like the log signing key; in PostgreSQL mode without
 * it the person keys are stored unwrapped, in their own table.
 */
export const loadKeyWrapper = (config: Pick<AppConfig, 'dataDir' | 'storageMode' | 'keys'>): KeyWrapper => {
  const configured = config.keys.personDataMaster;
  if (configured !== undefined) return masterKeyWrapper(Buffer.from(configured, 'base64'));
  if (config.storageMode !== 'embedded') return NO_WRAPPING;
  if (config.dataDir === 'memory://') return masterKeyWrapper(randomBytes(32));
  const file = personMasterKeyFile(config.dataDir);
  if (!existsSync(file)) {
    try {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError([`DATA_DIR=${config.dataDir}: cannot store the person-data master key (${(error as Error).message})`]);
    }
  }
  return masterKeyWrapper(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
};
