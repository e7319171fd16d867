/**
 * Ownership of a projection build: only the holder applies batches to it. On PostgreSQL this is a
 * session advisory lock (infrastructure/persistence/projection-locks.ts); in embedded mode a
 * process-local set. Correctness does not rest on it: the checkpoint compare-and-set in every batch
 * transaction makes a second writer roll back. The lock only keeps two runners from doing the work twice.
 */
export interface ProjectionLocks {
  tryAcquire(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
  /** Releases every lock this instance holds. */
  close(): Promise<void>;
}

const localOwners = new WeakMap<object, Set<string>>();

/** Locks shared by every runner in this process on the same database object (one PGlite instance). */
export const processLocalLocks = (scope: object): ProjectionLocks => {
  let taken = localOwners.get(scope);
  if (taken === undefined) {
    taken = new Set();
    localOwners.set(scope, taken);
  }
  const owned = new Set<string>();
  const shared = taken;
  return {
    tryAcquire: async (key) => {
      if (owned.has(key)) return true;
      if (shared.has(key)) return false;
      shared.add(key);
      owned.add(key);
      return true;
    },
    release: async (key) => {
      if (!owned.delete(key)) return;
      shared.delete(key);
    },
    close: async () => {
      for (const key of owned) shared.delete(key);
      owned.clear();
    },
  };
};
