/**
 * Save benchmark: median (and p95) time of DeckStore.save — validate, serialise,
 * write the temp file in full (fsync, size check), keep .bak, rename, fsync the folder — for the
 * default briefing and for a generated 500-slide deck with long notes, each save
 * changing one slide's notes as an autosave would.
 *
 *   npm run bench:save [-- --dir /path/on/the/disk/to/test] [-- --runs 60]
 *
 * Budgets (issue 3): default deck ≤ 20 ms, 500 slides ≤ 100 ms. Exits 1 when over.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Deck } from '../src-shared/deck-schema';
import { validateDeck } from '../src-shared/deck-validate';
import { createDeckStore } from '../src-main/core/deck-store';
import { defaultDeckPath } from '../src-main/core/paths';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const RUNS = Number(arg('runs') ?? 60);
const WARMUP = 5;

function generatedDeck(slides: number, notesChars: number): Deck {
  const sentence = 'Output at the Almalyk complex rose while the new concentrator came on line; the permit timeline still hinges on water. ';
  return {
    format: 'briefing-deck',
    version: 1,
    meta: { title: `Generated ${slides}-slide briefing`, date: '2026-01-15' },
    sources: [{ id: 'src1', title: 'Generated source', publisher: 'Bench' }],
    slides: Array.from({ length: slides }, (_, i) => ({
      id: `s${i + 1}`,
      layout: 'bullets' as const,
      title: `Slide ${i + 1}: production and permits`,
      bullets: ['Copper output up 12% year on year', 'Two permits pending', 'Rail corridor tender in Q3'],
      notes: sentence.repeat(Math.ceil(notesChars / sentence.length)).slice(0, notesChars),
      handout: sentence.repeat(3),
      sources: ['src1'],
    })),
  };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

interface Figures {
  label: string;
  bytes: number;
  median: number;
  p95: number;
  min: number;
  validateSerialiseMedian: number;
}

async function benchDeck(dir: string, label: string, deck: Deck): Promise<Figures> {
  const decksDir = path.join(dir, label.replace(/\W+/g, '-'));
  const store = createDeckStore({ bundledDir: path.join(dir, 'none'), decksDir, defaultDeckPath: path.join(dir, 'none.json') });
  const saved = await store.saveAs(store.idForPath(path.join(decksDir, 'seed.json')), deck, 'bench');
  const id = saved.info.id;
  await store.open(id);
  const times: number[] = [];
  const pure: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const edited: Deck = structuredClone(deck);
    const slide = edited.slides[i % edited.slides.length];
    slide.notes = `${slide.notes ?? ''} (edit ${i})`;
    const t0 = performance.now();
    validateDeck(edited);
    JSON.stringify(edited, null, 2);
    const t1 = performance.now();
    await store.save(id, edited);
    const t2 = performance.now();
    if (i >= WARMUP) {
      pure.push(t1 - t0);
      times.push(t2 - t1);
    }
  }
  await store.flush();
  times.sort((a, b) => a - b);
  pure.sort((a, b) => a - b);
  const bytes = statSync(store.pathForId(id)!).size;
  return { label, bytes, median: quantile(times, 0.5), p95: quantile(times, 0.95), min: times[0], validateSerialiseMedian: quantile(pure, 0.5) };
}

async function main(): Promise<void> {
  const base = arg('dir') ?? os.tmpdir();
  const dir = await fs.mkdtemp(path.join(base, 'save-bench-'));
  let defaultDeck: Deck;
  let defaultLabel: string;
  const bundled = defaultDeckPath();
  if (existsSync(bundled)) {
    const parsed = validateDeck(JSON.parse(readFileSync(bundled, 'utf8')));
    if (!parsed.ok) throw new Error(`the default deck ${bundled} is not valid: ${parsed.problems[0].message}`);
    defaultDeck = parsed.deck;
    defaultLabel = `default deck (${path.basename(bundled)}, ${defaultDeck.slides.length} slides)`;
  } else {
    defaultDeck = generatedDeck(20, 800);
    defaultLabel = 'default deck ABSENT: generated 20-slide stand-in';
  }
  const budgets: Array<[string, Deck, number]> = [
    [defaultLabel, defaultDeck, 20],
    ['generated 500 slides, 3,000-character notes', generatedDeck(500, 3000), 100],
  ];
  console.log(`Save benchmark: ${RUNS} saves each (after ${WARMUP} warm-up), folder ${dir}, node ${process.version}, ${os.cpus().length} cores`);
  let over = false;
  try {
    for (const [label, deck, budget] of budgets) {
      const f = await benchDeck(dir, label, deck);
      const verdict = f.median <= budget ? 'within' : 'OVER';
      over ||= f.median > budget;
      console.log(
        `  ${f.label}: ${(f.bytes / 1024).toFixed(0)} KB, median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, min ${f.min.toFixed(1)} ms ` +
          `(validate+serialise alone ${f.validateSerialiseMedian.toFixed(1)} ms) — ${verdict} budget ${budget} ms`,
      );
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  if (over) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
