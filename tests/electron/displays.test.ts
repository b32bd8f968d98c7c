// Which screen shows what while presenting.
import { describe, expect, it } from 'vitest';
import { planScreens, type DisplayInfo } from '../../src-main/electron/displays';

const laptop: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const projector: DisplayInfo = { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };
const monitor: DisplayInfo = { id: 3, bounds: { x: -2560, y: 0, width: 2560, height: 1440 }, workArea: { x: -2560, y: 0, width: 2560, height: 1400 } };

describe('planScreens', () => {
  it('with one screen, the presenter view is another window on it', () => {
    expect(planScreens([laptop], 1, false)).toEqual({ mode: 'one-screen', displayId: 1, workArea: laptop.workArea });
  });

  it('with two screens, the room gets the external one whole and the presenter the laptop', () => {
    expect(planScreens([laptop, projector], 1, false)).toEqual({
      mode: 'two-screens',
      audience: { displayId: 2, bounds: projector.bounds },
      presenter: { displayId: 1, bounds: laptop.workArea },
    });
  });

  it('swap exchanges them', () => {
    expect(planScreens([laptop, projector], 1, true)).toEqual({
      mode: 'two-screens',
      audience: { displayId: 1, bounds: laptop.bounds },
      presenter: { displayId: 2, bounds: projector.workArea },
    });
  });

  it('finds the primary wherever it is listed, and prefers the remembered external screen', () => {
    const plan = planScreens([projector, monitor, laptop], 1, false, 3);
    expect(plan?.mode === 'two-screens' && plan.audience.displayId).toBe(3);
    const fallback = planScreens([laptop, projector, monitor], 1, false, 42);
    expect(fallback?.mode === 'two-screens' && fallback.audience.displayId).toBe(2);
  });

  it('copes with an unknown primary id and with no screens', () => {
    const plan = planScreens([laptop, projector], 99, false);
    expect(plan?.mode === 'two-screens' && plan.presenter.displayId).toBe(1);
    expect(planScreens([], 1, false)).toBeNull();
  });
});
