/**
 * Quitting without losing an edit: main waits for the saves in flight (IPC calls
 * still running, then the deck store's and app state's pending writes) before it
 * lets the app quit or a window close, but never hangs for ever on a stuck disk.
 * Plain functions, tested without Electron.
 */

export type FlushOutcome = 'flushed' | 'timed-out' | 'failed';

/** Runs `flush` but stops waiting after `timeoutMs`. Never rejects. */
export async function flushWithin(flush: () => Promise<void>, timeoutMs: number): Promise<FlushOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<FlushOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  const work = flush().then(
    (): FlushOutcome => 'flushed',
    (err: unknown): FlushOutcome => {
      console.error('[briefing] saving before quit failed:', err);
      return 'failed';
    },
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface QuitGuardOptions {
  /** Waits for every pending save. */
  flush: () => Promise<void>;
  /** Quits for real (`app.quit()`); the guard lets that second `before-quit` through. */
  quit: () => void;
  timeoutMs?: number;
  onOutcome?: (outcome: FlushOutcome) => void;
}

export interface QuitGuard {
  /** The `before-quit` listener. */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** True once a quit was asked for (windows closing then are part of quitting). */
  readonly quitting: boolean;
}

/**
 * The first `before-quit` is held back while pending saves finish (up to the
 * timeout); then `quit()` runs and its `before-quit` passes. Later `before-quit`s
 * while waiting are held too. If that quit is then cancelled (a window refused to
 * unload), the next one waits for saves again.
 */
export function createQuitGuard(options: QuitGuardOptions): QuitGuard {
  let phase: 'idle' | 'flushing' | 'release' = 'idle';
  let quitting = false;
  return {
    onBeforeQuit(event) {
      quitting = true;
      if (phase === 'release') {
        phase = 'idle';
        return;
      }
      event.preventDefault();
      if (phase === 'flushing') return;
      phase = 'flushing';
      void flushWithin(options.flush, options.timeoutMs ?? 5000).then((outcome) => {
        options.onOutcome?.(outcome);
        phase = 'release';
        options.quit();
      });
    },
    get quitting() {
      return quitting;
    },
  };
}
