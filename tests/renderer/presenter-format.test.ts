import { describe, expect, it } from 'vitest';
import { formatDuration, plannedWindow, slidePace, talkPace } from '../../src-renderer/lib/presenter-format';

describe('formatDuration', () => {
  it('writes minutes and seconds, and hours from one hour on', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(999)).toBe('0:00');
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(10 * 60_000 + 5000)).toBe('10:05');
    expect(formatDuration(3_600_000 + 2 * 60_000 + 3000)).toBe('1:02:03');
  });

  it('never shows negative or broken time', () => {
    expect(formatDuration(-5000)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });
});

describe('slidePace', () => {
  it('is on time up to the planned duration, then over by the difference', () => {
    expect(slidePace(30_000, 90)).toMatchObject({ kind: 'on-time', text: 'on time', planned: '1:30' });
    expect(slidePace(90_999, 90).text).toBe('on time');
    expect(slidePace(91_000, 90)).toMatchObject({ kind: 'over', text: 'over by 0:01', used: 1 });
    expect(slidePace(90_000 + 125_000, 90).text).toBe('over by 2:05');
  });

  it('says so when a slide has no planned time', () => {
    expect(slidePace(30_000, undefined)).toMatchObject({ kind: 'unplanned', text: 'no planned time', planned: null });
    expect(slidePace(30_000, 0).kind).toBe('unplanned');
  });

  it('reports the share of the plan used, for the progress bar', () => {
    expect(slidePace(45_000, 90).used).toBeCloseTo(0.5);
  });
});

describe('talk pace', () => {
  const durations = [60, 120, undefined, 60];

  it('knows when each slide is planned to start and end', () => {
    expect(plannedWindow(durations, 0)).toEqual({ startMs: 0, endMs: 60_000, totalMs: 240_000 });
    expect(plannedWindow(durations, 2)).toEqual({ startMs: 180_000, endMs: 180_000, totalMs: 240_000 });
    expect(plannedWindow(durations, 3)).toEqual({ startMs: 180_000, endMs: 240_000, totalMs: 240_000 });
  });

  it('is ahead before the slide’s planned start, behind after its planned end', () => {
    const w = plannedWindow(durations, 1); // planned 1:00 to 3:00
    expect(talkPace(30_000, w, true).text).toBe('ahead by 0:30');
    expect(talkPace(120_000, w, true).text).toBe('on schedule');
    expect(talkPace(200_000, w, true).text).toBe('behind by 0:20');
  });

  it('shows the plan before the talk starts, and nothing to pace against without one', () => {
    expect(talkPace(0, plannedWindow(durations, 0), false).text).toBe('planned 4:00 in all');
    expect(talkPace(10_000, plannedWindow([undefined, undefined], 1), true).kind).toBe('unplanned');
  });
});
