/**
 * Which screen shows what while presenting. Plain data in, plain data out: the
 * window manager feeds it Electron's `screen` displays.
 */
import type { Rect } from './window-options';

export interface DisplayInfo {
  id: number;
  /** The whole screen (the audience window goes fullscreen here). */
  bounds: Rect;
  /** The screen minus task bars and docks (the presenter window fits here). */
  workArea: Rect;
}

export type ScreenPlan =
  | {
      mode: 'two-screens';
      /** Fullscreen slides for the room. */
      audience: { displayId: number; bounds: Rect };
      /** The presenter view, maximised on the other screen. */
      presenter: { displayId: number; bounds: Rect };
    }
  | { mode: 'one-screen'; displayId: number; workArea: Rect };

/**
 * Plans the screens. With two or more displays the audience gets the external one
 * (the remembered one if it is still connected, else the first that is not primary)
 * and the presenter the primary (the laptop); `swap` exchanges them. With one display
 * the presenter view is simply another window on it.
 */
export function planScreens(displays: readonly DisplayInfo[], primaryId: number, swap: boolean, preferredExternalId?: number): ScreenPlan | null {
  if (displays.length === 0) return null;
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  const others = displays.filter((d) => d.id !== primary.id);
  if (others.length === 0) return { mode: 'one-screen', displayId: primary.id, workArea: primary.workArea };
  const external = others.find((d) => d.id === preferredExternalId) ?? others[0];
  const audience = swap ? primary : external;
  const presenter = swap ? external : primary;
  return {
    mode: 'two-screens',
    audience: { displayId: audience.id, bounds: audience.bounds },
    presenter: { displayId: presenter.id, bounds: presenter.workArea },
  };
}
