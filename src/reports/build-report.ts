import type { RecordedEvent } from '../domain/shared';
import { ReportContext } from './report-context';
import { sectionsOf, type ReportAnchor, type ReportDocument, type ReportParams } from './report-model';
import { RowSorter, type SortOptions } from './row-sorter';
import { compareRows } from './section-fold';
import { createSection } from './sections';

/**
 * One pass over the log, in order, up to the anchor: the context sees each event, then every
 * section asked for. The caller streams the events (pages of `readAll`); nothing here holds them.
 * Each section's rows go to an external sort (spilled in runs to `sort.runs` when given); the
 * document's sections read them back in order, once: write the document, then dispose of the runs.
 */
export const buildReport = async (
  events: AsyncIterable<RecordedEvent>,
  params: ReportParams,
  anchor: ReportAnchor,
  onEvent: (read: number) => void = () => undefined,
  sort: SortOptions = {},
): Promise<ReportDocument> => {
  const ctx = new ReportContext(params, sort.texts);
  const sections = sectionsOf(params.name).map((name) => {
    const rows = new RowSorter(compareRows, sort);
    return { fold: createSection(name, rows), rows };
  });
  let read = 0;
  let position = 0n;
  for await (const e of events) {
    ctx.observe(e);
    for (const s of sections) s.fold.consume(e, ctx);
    read += 1;
    position = e.globalPosition;
    onEvent(read);
  }
  for (const s of sections) s.fold.finish(ctx);
  return {
    header: {
      report: params.name,
      origin: anchor.origin,
      treeSize: anchor.treeSize,
      rootHash: anchor.rootHash,
      signed: anchor.signed,
      signedAt: anchor.signedAt,
      globalPosition: position.toString(),
      eventsRead: String(read),
      scope: params.scope ?? null,
      from: params.from ?? null,
      to: params.to ?? null,
      asOf: ctx.asOf ?? null,
    },
    sections: sections.map(({ fold: s, rows }) => ({ name: s.name, zh: s.zh, en: s.en, columns: s.columns, rowCount: rows.size, rows: rows.sorted() })),
  };
};
