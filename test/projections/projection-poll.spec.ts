import { BUSY_POLL_MS, nextPollMs, PAGE_TARGET } from '../../src/projections/projection-poll';

describe('the runner poll after a caught-up pass', () => {
  it('waits the configured poll when the feed is idle or slow', () => {
    expect(nextPollMs(250, 0, 250)).toBe(250);
    expect(nextPollMs(250, 40, 250)).toBe(250); // 160 events/s: pages of 40
    expect(nextPollMs(250, PAGE_TARGET, 250)).toBe(250);
    expect(nextPollMs(250, 10, 0)).toBe(250); // first pass: nothing to measure
  });

  it('polls a busy feed sooner, for pages of about PAGE_TARGET events, never sooner than BUSY_POLL_MS', () => {
    expect(nextPollMs(250, 2 * PAGE_TARGET, 250)).toBe(125);
    expect(nextPollMs(250, 650, 250)).toBe(BUSY_POLL_MS); // 2,600 events/s
    expect(nextPollMs(60, 650, 250)).toBe(60); // a configured poll below it stands
  });
});
