/**
 * The warm export worker's chart images between exports (issue 12): a chart whose
 * data, theme and size have not changed since the last export is not drawn again.
 *
 * The key is a hash of the very job the chart worker would get (chart, size and
 * theme; the logo is never drawn into a chart), so two jobs with one key draw the
 * same pixels with the same code: the cached image is byte-for-byte the image a
 * redraw would give (tests/unit/pdf-warm-worker.test.ts checks it on the PDF).
 * Bounded by count and by size; it holds images, not decks.
 */
import { createHash } from 'node:crypto';
import type { ChartDrawer, ChartJob } from './chart-image';

export interface ChartCacheLimits {
  /** Images kept at most. */
  entries?: number;
  /** Characters of data URL kept at most (a 2x JPEG chart is ~50–200 k). */
  chars?: number;
}

/** A bounded, least-recently-used store of chart images keyed by what determines them. */
export class WarmChartCache {
  private readonly images = new Map<string, string>();
  private size = 0;
  hits = 0;
  misses = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;

  constructor(limits: ChartCacheLimits = {}) {
    this.maxEntries = limits.entries ?? 256;
    this.maxChars = limits.chars ?? 48 * 1024 * 1024;
  }

  /** The key: everything the drawing reads from the job (the export's own image key is left out, it names the image in one PDF). */
  static keyOf(job: ChartJob): string {
    const what = { chart: job.chart, width: job.width, height: job.height, theme: { ...job.theme, logo: undefined } };
    return createHash('sha256').update(stableJson(what)).digest('hex');
  }

  get(key: string): string | undefined {
    const url = this.images.get(key);
    if (url === undefined) return undefined;
    // Most recently used last: the oldest go first.
    this.images.delete(key);
    this.images.set(key, url);
    return url;
  }

  set(key: string, url: string): void {
    if (url.length > this.maxChars) return;
    const old = this.images.get(key);
    if (old !== undefined) {
      this.size -= old.length;
      this.images.delete(key);
    }
    this.images.set(key, url);
    this.size += url.length;
    while (this.images.size > this.maxEntries || this.size > this.maxChars) {
      const [oldest, oldUrl] = this.images.entries().next().value as [string, string];
      this.images.delete(oldest);
      this.size -= oldUrl.length;
    }
  }

  get entries(): number {
    return this.images.size;
  }

  get chars(): number {
    return this.size;
  }

  /**
   * A drawer for one export over the long-lived `inner` one: cached images come back
   * at once, the rest are drawn by `inner` and kept. Closing it ends this export's
   * draws (they reject) but leaves `inner`, and its loaded worker, for the next export.
   */
  drawerFor(inner: ChartDrawer): ChartDrawer {
    let closed = false;
    const rejects = new Set<(err: Error) => void>();
    return {
      maxInFlight: inner.maxInFlight,
      get threaded() {
        return inner.threaded;
      },
      draw: (job) => {
        if (closed) return Promise.reject(new Error('the chart drawer is closed'));
        const key = WarmChartCache.keyOf(job);
        const cached = this.get(key);
        if (cached !== undefined) {
          this.hits++;
          return Promise.resolve(cached);
        }
        this.misses++;
        return new Promise<string>((resolve, reject) => {
          rejects.add(reject);
          inner.draw(job).then(
            (url) => {
              rejects.delete(reject);
              this.set(key, url);
              if (!closed) resolve(url);
            },
            (err: Error) => {
              rejects.delete(reject);
              reject(err);
            },
          );
        });
      },
      prepare: (maps) => inner.prepare(maps),
      close: () => {
        if (closed) return;
        closed = true;
        for (const reject of rejects) reject(new Error('the chart drawer was closed'));
        rejects.clear();
      },
    };
  }
}

/** JSON with object keys sorted, so the same content always hashes the same whatever order its keys were written in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
