/**
 * The presenter's stopwatch: elapsed time for the talk and time on the room's
 * current slide. It waits for the first slide change (the talk starts when the
 * presenter first moves on), can be paused and resumed, and reset puts it back to
 * waiting. Times are wall-clock stamps, so the state survives a reload of the
 * presenter window (kept in sessionStorage, which is per window).
 */

export type TimerPhase = 'ready' | 'running' | 'paused';

interface Saved {
  phase: TimerPhase;
  accumulated: number;
  since: number | null;
  slideAccumulated: number;
  slideSince: number | null;
}

export const TIMER_STORAGE_KEY = 'briefing-presenter-timer';
const TICK_MS = 250;

function isSaved(value: unknown): value is Saved {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  const stamp = (x: unknown) => x === null || num(x);
  return (
    (v.phase === 'ready' || v.phase === 'running' || v.phase === 'paused') &&
    num(v.accumulated) &&
    stamp(v.since) &&
    num(v.slideAccumulated) &&
    stamp(v.slideSince)
  );
}

export class PresenterTimer {
  phase = $state<TimerPhase>('ready');
  /** The clock's current reading; ticks while the view is shown. */
  now = $state(0);
  private accumulated = $state(0);
  private since = $state<number | null>(null);
  private slideAccumulated = $state(0);
  private slideSince = $state<number | null>(null);

  elapsedMs = $derived(this.accumulated + (this.since === null ? 0 : Math.max(0, this.now - this.since)));
  slideMs = $derived(this.slideAccumulated + (this.slideSince === null ? 0 : Math.max(0, this.now - this.slideSince)));

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = null,
  ) {
    this.now = clock();
    this.restore();
  }

  /** Starts the talk's clock (from ready), or resumes it (from paused). */
  start(): void {
    if (this.phase === 'running') return;
    const now = this.tick();
    this.phase = 'running';
    this.since = now;
    this.slideSince = now;
    this.save();
  }

  pause(): void {
    if (this.phase !== 'running') return;
    const now = this.tick();
    this.accumulated += now - (this.since ?? now);
    this.slideAccumulated += now - (this.slideSince ?? now);
    this.since = null;
    this.slideSince = null;
    this.phase = 'paused';
    this.save();
  }

  /** Pause when running; start or resume otherwise. */
  toggle(): void {
    if (this.phase === 'running') this.pause();
    else this.start();
  }

  /** Back to 0:00, waiting for the next slide change (or Start). */
  reset(): void {
    this.tick();
    this.phase = 'ready';
    this.accumulated = 0;
    this.since = null;
    this.slideAccumulated = 0;
    this.slideSince = null;
    this.save();
  }

  /** The room moved to another slide: its own time starts at zero, and the talk starts if it had not. */
  slideChanged(): void {
    const now = this.tick();
    this.slideAccumulated = 0;
    if (this.phase === 'ready') {
      this.start();
      return;
    }
    this.slideSince = this.phase === 'running' ? now : null;
    this.save();
  }

  /** Reads the clock; returns the reading. */
  tick(): number {
    this.now = this.clock();
    return this.now;
  }

  /** Keeps `now` ticking; returns the stop function (for an $effect). */
  run(): () => void {
    const id = setInterval(() => this.tick(), TICK_MS);
    return () => clearInterval(id);
  }

  private save(): void {
    const saved: Saved = {
      phase: this.phase,
      accumulated: this.accumulated,
      since: this.since,
      slideAccumulated: this.slideAccumulated,
      slideSince: this.slideSince,
    };
    try {
      this.storage?.setItem(TIMER_STORAGE_KEY, JSON.stringify(saved));
    } catch {
      // Storage full or denied: the timer still works for this page.
    }
  }

  private restore(): void {
    let value: unknown;
    try {
      value = JSON.parse(this.storage?.getItem(TIMER_STORAGE_KEY) ?? 'null');
    } catch {
      return;
    }
    if (!isSaved(value)) return;
    // A stamp from the future (clock changed) would show negative time: drop it.
    if ((value.since ?? 0) > this.now || (value.slideSince ?? 0) > this.now) return;
    this.phase = value.phase;
    this.accumulated = value.accumulated;
    this.since = value.phase === 'running' ? (value.since ?? this.now) : null;
    this.slideAccumulated = value.slideAccumulated;
    this.slideSince = value.phase === 'running' ? (value.slideSince ?? this.now) : null;
  }
}
