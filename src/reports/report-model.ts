/**
 * The shape of a compliance report (docs/reports.md): a header naming the checkpoint it was computed
 * at, then one table per section. Framework-free: the CLI, the HTTP route and the bench share it.
 */
export const SECTION_NAMES = [
  'compliance',
  'publication',
  'meetings',
  'supervision',
  'work-list-changes',
  'work-list-admissions',
  'work-list-burden',
  'consultations',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** `all` is every section in one pass. */
export const REPORT_NAMES = [...SECTION_NAMES, 'all'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const sectionsOf = (name: ReportName): readonly SectionName[] => (name === 'all' ? SECTION_NAMES : [name]);

/** A column: a stable key (CSV header, JSON field), its Chinese header (XLSX) and English label. */
export type Column = Readonly<{ key: string; zh: string; en: string }>;

export type Cell = string | number;
export type Row = readonly Cell[];

/** A section of a computed report: its rows come sorted, read once (they may stream from spilled runs). */
export type SectionTable = Readonly<{ name: SectionName; zh: string; en: string; columns: readonly Column[]; rowCount: number; rows: AsyncIterable<Row> }>;

export type ScopeKind = 'community' | 'township' | 'county';
export type ReportScope = Readonly<{ kind: ScopeKind; id: string }>;

export type ReportParams = Readonly<{
  name: ReportName;
  scope?: ReportScope;
  /** Inclusive local dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Zone for events whose community is unknown (the service's TIME_ZONE). */
  timeZone?: string;
}>;

/**
 * Where the report stops reading: the first `treeSize` events of the log, whose Merkle root is
 * `rootHash` (base64, as in the checkpoint). `signed` says whether a signed checkpoint of that size
 * exists; `signedAt` is its signing time (the only time the report carries, so reruns give the same
 * bytes). Without any checkpoint, `treeSize` and `rootHash` are null and the report reads up to the
 * head position it started at (the header's `globalPosition`): not reproducible.
 */
export type ReportAnchor = Readonly<{
  origin: string | null;
  treeSize: string | null;
  rootHash: string | null;
  signed: boolean;
  signedAt: string | null;
}>;

export type ReportHeader = Readonly<{
  report: ReportName;
  origin: string | null;
  treeSize: string | null;
  rootHash: string | null;
  signed: boolean;
  signedAt: string | null;
  /** Global position of the last event read (the `treeSize`-th), "0" when none. */
  globalPosition: string;
  eventsRead: string;
  scope: ReportScope | null;
  from: string | null;
  to: string | null;
  /** The date deadlines are judged by: `to`, else the local date of the last event read. */
  asOf: string | null;
}>;

export type ReportDocument = Readonly<{ header: ReportHeader; sections: readonly SectionTable[] }>;
