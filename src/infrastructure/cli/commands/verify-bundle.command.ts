import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyBundle } from '../../../transparency/proof-bundle';
import type { CliIo } from './run-verify';

export type VerifyBundleOptions = Readonly<{ key: string; witness?: string[]; json?: boolean }>;

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Checks a proof bundle offline (no database, no service); 0 when it verifies, 1 otherwise. */
export const runVerifyBundle = (file: string, options: VerifyBundleOptions, out: CliIo['out'] = processIo.out): number => {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    out(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const verdict = verifyBundle(bytes, options.key, options.witness ?? []);
  if (options.json === true) out(JSON.stringify(verdict, null, 2));
  else if (!verdict.ok) out(`INVALID: ${verdict.reason}`);
  else {
    const trusted = verdict.trustedCosigners.length > 0 ? `; cosigned by trusted witnesses: ${verdict.trustedCosigners.join(', ')}` : '';
    const others = verdict.cosignedBy.filter((w) => !verdict.trustedCosigners.includes(w));
    const withheld =
      verdict.record.view === 'public' ? ` (public bundle: ${verdict.withheldFields} fields withheld as salted digests, ${verdict.opaqueEvents} events shown by hash only)` : '';
    out(
      `OK: ${verdict.events} events of ${verdict.stream}${withheld}, each included in the tree of size ${verdict.treeSize} signed by ${verdict.origin}${trusted}` +
        (others.length > 0 ? `; also cosigned by (keys from the bundle, not given with --witness): ${others.join(', ')}` : ''),
    );
  }
  return verdict.ok ? 0 : 1;
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const register = (program: Command, io: CliIo = processIo): void => {
  program
    .command('verify-bundle')
    .description('verify a proof bundle offline, full or public: log signature, witness cosignatures, every event hash (from disclosed values and withheld digests), chain link and inclusion proof (exit code 1 if anything fails)')
    .argument('<file>', 'the bundle (GET /api/v1/log/bundles/{kind}/{id}, or .../{id}/public)')
    .requiredOption('--key <vkey>', 'the log verifier key (GET /api/v1/log/key: verifierKey)')
    .option('--witness <vkey>', 'a witness key you trust (repeatable)', collect)
    .option('--json', 'print the verdict as JSON')
    .action((file: string, options: VerifyBundleOptions) => {
      io.setExitCode(runVerifyBundle(file, options, io.out));
    });
};
