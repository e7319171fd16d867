import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The pages' two static files, built by `npm run build` (bin/build-audit-assets.js): audit.js (the
 * page script with src/transparency bundled by esbuild) and audit.css. Both live in
 * dist/audit-assets/ of the package root (this file sits three levels below it in src/ and in dist/).
 */
export const AUDIT_ASSETS_DIR = path.resolve(__dirname, '..', '..', '..', 'dist', 'audit-assets');

const TYPES: Readonly<Record<string, string>> = { 'audit.js': 'text/javascript; charset=utf-8', 'audit.css': 'text/css; charset=utf-8' };

const cache = new Map<string, Buffer>();

/** The asset's bytes and type, or undefined for any other name or when it was not built. */
export const auditAsset = (name: string): { body: Buffer; type: string } | undefined => {
  const type = TYPES[name];
  if (type === undefined) return undefined;
  let body = cache.get(name);
  if (body === undefined) {
    const file = path.join(AUDIT_ASSETS_DIR, name);
    if (!existsSync(file)) return undefined;
    body = readFileSync(file);
    if (process.env['NODE_ENV'] === 'production') cache.set(name, body);
  }
  return { body, type };
};
