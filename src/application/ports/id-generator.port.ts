/** Ids for new events (UUIDv7, time-ordered) and new aggregates. */
export interface IdGenerator {
  newId(): string;
}
