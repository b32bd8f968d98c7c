/**
 * Who may call the API over IPC, and knowing when calls are still running. Plain
 * data, so the rules are tested without Electron.
 */
import { isAppUrl } from './security';

/** What main knows about the frame behind an IPC message. */
export interface SenderInfo {
  /** `event.sender.id`: the webContents the message came from. */
  webContentsId: number;
  /** `event.senderFrame.url`, or null when the frame has gone or navigated away. */
  frameUrl: string | null;
  /** The frame is the window's top frame (no parent), not an iframe inside it. */
  isTopFrame: boolean;
}

/**
 * True only for the top frame of one of our own windows showing one of our own
 * pages. Anything else — an unknown webContents, an iframe, a page that is not
 * `app://briefing/`, a frame already gone — is refused.
 */
export function isTrustedSender(sender: SenderInfo, isOwnWebContents: (id: number) => boolean): boolean {
  return sender.isTopFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl) && isOwnWebContents(sender.webContentsId);
}

/** Counts calls in flight so shutdown can wait for the ones that are saving. */
export interface InflightTracker {
  track<T>(work: Promise<T>): Promise<T>;
  readonly count: number;
  /** Resolves once no call is running. */
  idle(): Promise<void>;
}

/** Creates an in-flight counter. */
export function createInflightTracker(): InflightTracker {
  let count = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    count -= 1;
    if (count === 0) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  };
  return {
    track(work) {
      count += 1;
      return work.finally(settle);
    },
    get count() {
      return count;
    },
    idle() {
      return count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
