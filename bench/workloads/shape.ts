/** Every size is split into streams of EVENTS_PER_STREAM events (S streams x K events). */
export const EVENTS_PER_STREAM = 10;

export type Shape = Readonly<{ streams: number; perStream: number; events: number }>;

export const shapeFor = (events: number): Shape => {
  const streams = Math.max(1, Math.floor(events / EVENTS_PER_STREAM));
  return { streams, perStream: EVENTS_PER_STREAM, events: streams * EVENTS_PER_STREAM };
};
