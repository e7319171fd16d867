import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr (stdout carries only the JSON lines). */
export type Progress = { tick(n?: number): void; stop(): void };

export const progressBar = (label: string, total: number): Progress => {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${label.padEnd(34)} [{bar}] {percentage}% {value}/{total} {duration_formatted}`,
      hideCursor: false,
      clearOnComplete: false,
      etaBuffer: 200,
      fps: 5,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (n = 1) => bar.increment(n),
    stop: () => bar.stop(),
  };
};
