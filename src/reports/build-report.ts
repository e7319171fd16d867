import type { RecordedEvent } from '../domain/shared';
import { ReportContext } from './report-context';
import { sectionsOf, type ReportAnchor, type ReportDocument, type ReportParams } from './report-model';
import { createSection } from './sections';

/**
 * One pass over the log, in order, up to the anchor: the context sees each event, then every
 * section asked for. The caller streams the events (pages of `readAll`); nothing here holds them.
 */
export const buildReport = async (
  events: AsyncIterable<RecordedEvent>,
  params: ReportParams,
  anchor: ReportAnchor,
  onEvent: (read: number) => void = () => undefined,
): Promise<ReportDocument> => {
  const ctx = new ReportContext(params);
  const sections = sectionsOf(params.name).map(createSection);
  let read = 0;
  let position = 0n;
  for await (const e of events) {
    ctx.observe(e);
    for (const s of sections) s.consume(e, ctx);
    read += 1;
    position = e.globalPosition;
    onEvent(read);
  }
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
    sections: sections.map((s) => ({ name: s.name, zh: s.zh, en: s.en, columns: s.columns, rows: s.finish(ctx) })),
  };
};
