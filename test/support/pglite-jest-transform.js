// PGlite's CommonJS build loads Node built-ins with `await import("fs")` etc. Jest's VM rejects a
// dynamic import unless node runs with --experimental-vm-modules, so PGlite cannot start in a test.
// This rewrites those static-string imports of PGlite's dist files into `require`, nothing else.
const { createHash } = require('node:crypto');

const VERSION = '2';

module.exports = {
  process(source) {
    // The bundled Emscripten module declares its own `var require`, so keep a reference to the real one.
    const code = source.replace(/\bimport\((["'])([^"']+)\1\)/g, 'Promise.resolve(__pgliteJestRequire($1$2$1))');
    return { code: `const __pgliteJestRequire = require;${code}` };
  },
  getCacheKey(source, path) {
    return createHash('sha256').update(VERSION).update(path).update(source).digest('hex');
  },
};
