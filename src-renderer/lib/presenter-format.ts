/**
 * What the presenter's clocks say: durations as m:ss, pacing of the current slide
 * against its planned `durationSec`, and of the whole talk against the plan. Pure,
 * so every wording is unit-tested without a DOM.
 */

/** A duration as "m:ss", or "h:mm:ss" from one hour on (negative counts as zero). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The time of day as the presenter's locale writes hours and minutes. */
export function formatWallClock(date: Date, locale?: string): string {
  return date.toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
  });
}

export interface SlidePace {
  kind: 'unplanned' | 'on-time' | 'over';
  /** "on time" / "over by 0:12" / "no planned time". */
  text: string;
  /** The plan for this slide as m:ss, when it has one. */
  planned: string | null;
  /** Share of the planned time used, 0…1 (1 once over); 0 when unplanned. */
  used: number;
}

/** Time on this slide against its planned duration. */
export function slidePace(onSlideMs: number, durationSec: number | undefined): SlidePace {
  if (!durationSec || durationSec <= 0 || !Number.isFinite(durationSec)) {
    return {
      kind: 'unplanned',
      text: 'no planned time',
      planned: null,
      used: 0,
    };
  }
  const plannedMs = durationSec * 1000;
  const planned = formatDuration(plannedMs);
  // Whole seconds, as the clock shows them: "over" starts when the display passes the plan.
  const shownMs = Math.floor(Math.max(0, onSlideMs) / 1000) * 1000;
  if (shownMs <= plannedMs)
    return {
      kind: 'on-time',
      text: 'on time',
      planned,
      used: shownMs / plannedMs,
    };
  return {
    kind: 'over',
    text: `over by ${formatDuration(shownMs - plannedMs)}`,
    planned,
    used: 1,
  };
}

/** Planned milliseconds before slide `index` starts and when it ends (slides without a plan count 0). */
export function plannedWindow(durations: ReadonlyArray<number | undefined>, index: number): { startMs: number; endMs: number; totalMs: number } {
  let startMs = 0;
  let totalMs = 0;
  durations.forEach((d, i) => {
    const ms = d && d > 0 && Number.isFinite(d) ? d * 1000 : 0;
    if (i < index) startMs += ms;
    totalMs += ms;
  });
  const own = durations[index];
  const endMs = startMs + (own && own > 0 && Number.isFinite(own) ? own * 1000 : 0);
  return { startMs, endMs, totalMs };
}

export interface TalkPace {
  kind: 'not-started' | 'ahead' | 'on-schedule' | 'behind' | 'unplanned';
  text: string;
}

/**
 * The whole talk against the plan: on the current slide you are on schedule while
 * the elapsed time lies within that slide's planned window; earlier is ahead, later behind.
 */
export function talkPace(elapsedMs: number, window: { startMs: number; endMs: number; totalMs: number }, started: boolean): TalkPace {
  if (window.totalMs <= 0) return { kind: 'unplanned', text: 'no plan for this talk' };
  if (!started)
    return {
      kind: 'not-started',
      text: `planned ${formatDuration(window.totalMs)} in all`,
    };
  const shown = Math.floor(Math.max(0, elapsedMs) / 1000) * 1000;
  if (shown < window.startMs)
    return {
      kind: 'ahead',
      text: `ahead by ${formatDuration(window.startMs - shown)}`,
    };
  if (shown > window.endMs)
    return {
      kind: 'behind',
      text: `behind by ${formatDuration(shown - window.endMs)}`,
    };
  return { kind: 'on-schedule', text: 'on schedule' };
}
