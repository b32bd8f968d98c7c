/**
 * Planned slide durations as people type them: "1:30" (minutes:seconds) or "90"
 * (seconds). Pure, shared by the edit panel and anything else that reads durations.
 */

export type DurationParse = { ok: true; seconds: number | undefined } | { ok: false; message: string };

/** The message shown on a duration field that is not m:ss or whole seconds. */
export const DURATION_FORMAT_MESSAGE = 'expected minutes:seconds (1:30) or seconds (90)';

/** Parses "m:ss", "h:mm:ss" or whole seconds; blank means no planned duration. */
export function parseDuration(text: string): DurationParse {
  const t = text.trim();
  if (t === '') return { ok: true, seconds: undefined };
  if (/^\d+$/.test(t)) return { ok: true, seconds: Number(t) };
  const m = /^(?:(\d+):)?(\d+):(\d{1,2})$/.exec(t);
  if (!m) return { ok: false, message: DURATION_FORMAT_MESSAGE };
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  // "1:75" is a typo, not 2:15; minutes may run past 59 only when no hours are given ("90:00").
  if (seconds > 59 || (m[1] !== undefined && minutes > 59)) return { ok: false, message: DURATION_FORMAT_MESSAGE };
  return { ok: true, seconds: hours * 3600 + minutes * 60 + seconds };
}

/** Formats seconds as "m:ss" ("1:30", "0:45", "75:00"); blank when there is none. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
