import type { Writable } from 'node:stream';

/**
 * Resolves when `out` can take more (at once if it can), rejects if it fails or closes first: a
 * writer that awaits this after each piece holds no more than the stream's own buffer.
 */
export const whenDrained = (out: Writable): Promise<void> =>
  new Promise((resolve, reject) => {
    if (out.destroyed || out.writableEnded) {
      reject(new Error('the output closed before the report was written'));
      return;
    }
    if (!out.writableNeedDrain) {
      resolve();
      return;
    }
    const settle = (error?: Error): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(new Error('the output closed before the report was written'));
    const onError = (error: Error): void => settle(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });

/** Writes the pieces in order, waiting whenever the stream's buffer is full. */
export const writePieces = async (pieces: AsyncIterable<string>, out: Writable): Promise<void> => {
  for await (const piece of pieces) {
    await whenDrained(out);
    out.write(piece);
  }
  await whenDrained(out);
};
