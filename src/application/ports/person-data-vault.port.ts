/** What the registry holds about a person; never written to an event. */
export type PersonalData = Readonly<{ name: string; phone?: string; idNumber?: string }>;

export type VaultEntry = Readonly<{ personRef: string; communityId: string; commandId: string; erased: boolean }>;

/**
 * Personal data outside the event log, encrypted with a key per person (crypto-shredding): erasing
 * destroys the key, after which the stored ciphertext can never be read again.
 */
export interface PersonDataVault {
  entry(personRef: string): Promise<VaultEntry | null>;
  /** Stores (or replaces, while not erased) the person's data under a fresh key. */
  store(entry: Omit<VaultEntry, 'erased'>, data: PersonalData): Promise<void>;
  /** The decrypted data, or 'erased' when the key is gone; null when unknown. */
  read(personRef: string): Promise<PersonalData | 'erased' | null>;
  /** Destroys the person's key (idempotent). */
  destroyKey(personRef: string): Promise<void>;
}
