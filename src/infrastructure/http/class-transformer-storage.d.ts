// class-transformer's decorators write to the storage in cjs/storage.js; the package declares it
// under types/ only. The validation fast path reads it (validation-fast-path.ts).
declare module 'class-transformer/cjs/storage' {
  export * from 'class-transformer/types/storage';
}
