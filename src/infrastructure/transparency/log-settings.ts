import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto';
import { fromBase64, fromHex, toBase64, toHex } from '../../transparency/bytes';
import { ed25519Signer, sm2Signer, type NoteSigner, type SignatureProfile } from '../../transparency/note-keys';
import { isKeyName } from '../../transparency/signed-note';
import { ConfigError, type AppConfig } from '../config/app-config';

export type LogSettings = Readonly<{
  origin: string;
  profile: SignatureProfile;
  /** Undefined in PostgreSQL mode without LOG_SIGNING_KEY: the tree is built, nothing is signed. */
  signer: NoteSigner | undefined;
  keySource: 'environment' | 'data-dir' | 'generated' | 'none';
  checkpointIntervalSeconds: number;
}>;

export const DEFAULT_LOG_ORIGIN = 'civic-ledger.local/log';
export const DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 60;
export const logKeyFile = (dataDir: string, profile: SignatureProfile): string => join(dataDir, `.log-signing-key-${profile}`);

/** Ed25519: base64 of the 32-byte seed. SM2: 64 hex digits of the private scalar. */
const decodeKey = (profile: SignatureProfile, text: string): Uint8Array | undefined =>
  profile === 'ed25519' ? fromBase64(text) : fromHex(text.toLowerCase());

const newKey = (profile: SignatureProfile): string =>
  profile === 'ed25519' ? toBase64(randomBytes(32)) : sm2.generateKeyPairHex().privateKey.padStart(64, '0');

const signerFor = (profile: SignatureProfile, origin: string, key: Uint8Array): NoteSigner =>
  profile === 'ed25519' ? ed25519Signer(origin, key) : sm2Signer(origin, key);

/**
 * README "Settings": LOG_ORIGIN, LOG_SIGNATURE_PROFILE (ed25519 | sm2), LOG_SIGNING_KEY,
 * LOG_CHECKPOINT_INTERVAL_SECONDS, as read into the configuration (`config.transparencyLog`, see
 * `logEnvironmentOf`). Without LOG_SIGNING_KEY in embedded mode a key is generated once and kept in
 * DATA_DIR (mode 0600), like the JWT secret.
 */
export const loadLogSettings = (
  config: Pick<AppConfig, 'dataDir' | 'storageMode' | 'transparencyLog'>,
  options: Readonly<{ generate?: boolean }> = {},
): LogSettings => {
  const problems: string[] = [];
  const given = config.transparencyLog;
  const origin = given.origin ?? DEFAULT_LOG_ORIGIN;
  if (!isKeyName(origin)) problems.push(`LOG_ORIGIN=${origin}: a schema-less URL without spaces or '+' (e.g. ledger.example.gov.cn/log)`);
  const profile = (given.signatureProfile ?? 'ed25519') as SignatureProfile;
  if (profile !== 'ed25519' && profile !== 'sm2') problems.push(`LOG_SIGNATURE_PROFILE=${String(profile)}: expected ed25519 or sm2`);
  const rawInterval = given.checkpointIntervalSeconds;
  const checkpointIntervalSeconds = rawInterval === undefined ? DEFAULT_CHECKPOINT_INTERVAL_SECONDS : /^\d{1,7}$/.test(rawInterval) ? Number(rawInterval) : NaN;
  if (Number.isNaN(checkpointIntervalSeconds)) problems.push(`LOG_CHECKPOINT_INTERVAL_SECONDS=${rawInterval}: expected an integer from 0 to 9999999`);
  const envKey = given.signingKey;
  if (problems.length > 0) throw new ConfigError(problems);

  let keyText = envKey;
  let keySource: LogSettings['keySource'] = 'environment';
  if (keyText === undefined && config.storageMode === 'embedded') {
    if (options.generate === false) {
      const file = logKeyFile(config.dataDir, profile);
      if (config.dataDir !== 'memory://' && existsSync(file)) [keyText, keySource] = [readFileSync(file, 'utf8').trim(), 'data-dir'];
    } else {
      ({ key: keyText, source: keySource } = embeddedKey(config.dataDir, profile));
    }
  }
  if (keyText === undefined) return { origin, profile, signer: undefined, keySource: 'none', checkpointIntervalSeconds };
  const key = decodeKey(profile, keyText);
  if (key === undefined || key.length !== 32) {
    throw new ConfigError([`LOG_SIGNING_KEY: expected ${profile === 'ed25519' ? 'the base64 of a 32-byte Ed25519 seed' : '64 hex digits (SM2 private key)'}`]);
  }
  return { origin, profile, signer: signerFor(profile, origin, key), keySource, checkpointIntervalSeconds };
};

const embeddedKey = (dataDir: string, profile: SignatureProfile): { key: string; source: 'data-dir' | 'generated' } => {
  if (dataDir === 'memory://') return { key: newKey(profile), source: 'generated' };
  const file = logKeyFile(dataDir, profile);
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), source: 'data-dir' };
  const key = newKey(profile);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return embeddedKey(dataDir, profile);
    throw new ConfigError([`DATA_DIR=${dataDir}: cannot store the generated log signing key (${(error as Error).message})`]);
  }
  return { key, source: 'generated' };
};

/** What GET /log/key serves. */
export const publicKeyInfo = (settings: LogSettings) =>
  settings.signer === undefined
    ? null
    : {
        origin: settings.origin,
        profile: settings.profile,
        keyId: toHex(settings.signer.verifier.keyId),
        verifierKey: settings.signer.verifier.vkey,
      };
