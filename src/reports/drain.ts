import type { Writable } from 'node:stream';

/** Anything that says 'drain' (a Writable, or a stream of another streams library). */
export type DrainSource = { once(event: 'drain', f: () => void): unknown; off(event: 'drain', f: () => void): unknown };

const closedEarly = (): Error => new Error('the output closed before the report was written');

/** Resolves on `source`'s next 'drain'; rejects if `out` fails or closes first. */
export const nextDrain = (source: DrainSource, out: Writable): Promise<void> =>
  new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      source.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(closedEarly());
    const onError = (error: Error): void => settle(error);
    source.once('drain', onDrain);
    out.once('close', onClose);
    out.once('error', onError);
  });

/**
 * Resolves when `out` can take more (at once if it can), rejects if it fails or closes first: a
 * writer that awaits this after each piece holds no more than the stream's own buffer.
 */
export const whenDrained = (out: Writable): Promise<void> => {
  if (out.destroyed || out.writableEnded) return Promise.reject(closedEarly());
  return out.writableNeedDrain ? nextDrain(out, out) : Promise.resolve();
};

/** Writes the pieces in order, waiting whenever the stream's buffer is full. */
export const writePieces = async (pieces: AsyncIterable<string>, out: Writable): Promise<void> => {
  for await (const piece of pieces) {
    await whenDrained(out);
    out.write(piece);
  }
  await whenDrained(out);
};
