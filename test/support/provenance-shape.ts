/**
 * One provenance shape everywhere (docs/api.md "Provenance"): every object in a read answer that names
 * an event by `eventId` is a full provenance `{ stream, streamRevision, globalPosition, eventId }`
 * with the revision and position as decimal strings. Returns the JSON paths that break it (a nested
 * entry carrying only an `eventId`, or numeric positions), so a test can expect `[]`.
 */
export const bareEventIds = (value: unknown, path = '$'): string[] => {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => bareEventIds(item, `${path}[${i}]`));
  const record = value as Record<string, unknown>;
  const own = 'eventId' in record && !(typeof record['stream'] === 'string' && /^\d+$/.test(String(record['streamRevision'])) && typeof record['streamRevision'] === 'string'
    && typeof record['globalPosition'] === 'string' && /^\d+$/.test(record['globalPosition']))
    ? [path]
    : [];
  return [...own, ...Object.entries(record).flatMap(([key, child]) => bareEventIds(child, `${path}.${key}`))];
};
