/**
 * PowerPoint export read back as a package: the default briefing's .pptx is
 * unzipped (with JSZip, not the exporter's own ZIP code) and its XML searched for
 * each slide, notes page and chart part with the deck's text and numbers; no part
 * may point outside the file. LibreOffice then opens it headless and converts it
 * to PDF, whose text must hold every slide title. Plus gaps and zeros in chart
 * data, maps, images, tables, themes, hidden slides, the CLI and the export jobs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../src-shared/api';
import type { Chart, Deck, Slide } from '../../src-shared/deck-schema';
import { runExportCommand } from '../../src-main/cli/export-command';
import { expectExportFormat } from '../../src-main/core/api-args';
import { createExportJobs, defaultWorkerFile } from '../../src-main/core/pdf/export-jobs';
import { exportPptx } from '../../src-main/core/pptx/export-pptx';
import { numberFormat } from '../../src-main/core/pptx/pptx-charts';
import { readZip, writeZip } from '../../src-main/core/pptx/zip-files';
import { DEFAULT_DECK_PATH, loadDefaultDeck } from './pdf-fixtures';
import { normalise, popplerMissing, tempDir } from './pdf-tools';

const work = tempDir('briefing-pptx-');
afterAll(() => work.cleanup());

interface Package {
  files: Map<string, string>;
  zip: JSZip;
}

/** Every XML/rels part of a .pptx as text. */
async function unpack(buffer: Buffer): Promise<Package> {
  const zip = await JSZip.loadAsync(buffer);
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    if (/\.(xml|rels)$/.test(name)) files.set(name, await zip.file(name)!.async('string'));
  }
  return { files, zip };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text runs of a slide or notes part, joined per paragraph. */
function partText(xml: string): string {
  return (xml.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? [])
    .map((p) => unescapeXml((p.match(/<a:t>([^<]*)<\/a:t>/g) ?? []).map((t) => t.slice(5, -6)).join('')))
    .join('\n');
}

const slideNumber = (name: string) => Number(/(\d+)\.xml/.exec(name)?.[1]);
const slideParts = (pkg: Package) => [...pkg.files.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => slideNumber(a) - slideNumber(b));

/** The chart part a slide holds, through the slide's relationships. */
function chartOfSlide(pkg: Package, n: number): string | undefined {
  const rels = pkg.files.get(`ppt/slides/_rels/slide${n}.xml.rels`) ?? '';
  // pptxgenjs names chart parts from the package root ("/ppt/charts/chart1.xml").
  const target = /Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/.exec(rels)?.[1];
  return target ? pkg.files.get(`ppt/charts/${target}`) : undefined;
}

/** Values of each series in a chart part's number caches; a missing point is null. */
function seriesValues(chartXml: string): Array<Array<number | null>> {
  return (chartXml.match(/<c:ser>[\s\S]*?<\/c:ser>/g) ?? []).map((ser) => {
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)![1];
    const count = Number(/<c:ptCount val="(\d+)"\/>/.exec(val)![1]);
    const out: Array<number | null> = Array(count).fill(null);
    for (const m of val.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) out[Number(m[1])] = Number(m[2]);
    return out;
  });
}

const categoryLabels = (chartXml: string) =>
  unescapeXml(/<c:cat>[\s\S]*?<\/c:cat>/.exec(chartXml)?.[0] ?? '')
    .match(/<c:v>([^<]*)<\/c:v>/g)
    ?.map((v) => v.slice(5, -6)) ?? [];

const CHART_ELEMENT: Record<Exclude<Chart['type'], 'map'>, RegExp> = {
  bar: /<c:barChart>[\s\S]*<c:barDir val="col"\/>[\s\S]*<c:grouping val="clustered"\/>/,
  'horizontal-bar': /<c:barChart>[\s\S]*<c:barDir val="bar"\/>/,
  'stacked-bar': /<c:barChart>[\s\S]*<c:grouping val="stacked"\/>/,
  line: /<c:lineChart>/,
  doughnut: /<c:doughnutChart>/,
  pie: /<c:pieChart>/,
};

const deck = loadDefaultDeck();
let pptx: Buffer;
let pkg: Package;

beforeAll(async () => {
  pptx = (await exportPptx(deck)).buffer;
  pkg = await unpack(pptx);
}, 60_000);

describe('the default briefing as PowerPoint', () => {
  const shown = deck.slides.filter((s) => !s.hidden);

  it('has one slide per deck slide, in order, each with its title', () => {
    const parts = slideParts(pkg);
    expect(parts).toHaveLength(shown.length);
    // The default briefing: 24 slides, plus issue 10's map and table.
    expect(shown.length).toBe(26);
    const presentation = pkg.files.get('ppt/presentation.xml')!;
    expect(presentation.match(/<p:sldId /g)).toHaveLength(shown.length);
    // Widescreen 16:9 (13.333 × 7.5 in).
    expect(presentation).toMatch(/<p:sldSz cx="12191695" cy="6858000"|<p:sldSz cx="1219\d{4}" cy="6858000"/);
    parts.forEach((name, i) => expect(normalise(partText(pkg.files.get(name)!))).toContain(normalise(shown[i].title)));
  });

  it('puts each slide’s talking points in its speaker notes', () => {
    const withNotes = shown.map((s, i) => [s, i + 1] as const).filter(([s]) => s.notes?.trim());
    expect(withNotes.length).toBeGreaterThan(10);
    for (const [slide, n] of withNotes) {
      const rels = pkg.files.get(`ppt/slides/_rels/slide${n}.xml.rels`)!;
      const notesName = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)![1];
      const notes = normalise(partText(pkg.files.get(`ppt/notesSlides/${notesName}`)!));
      for (const line of slide.notes!.split('\n').filter((l) => l.trim())) expect(notes).toContain(normalise(line));
    }
  });

  it('makes every chart a native chart part with the deck’s labels and values', () => {
    // Maps are pictures with their data in the notes (PowerPoint has no native map chart); the rest are native.
    const charts = shown.map((s, i) => [s, i + 1] as const).filter(([s]) => s.layout === 'chart' && s.chart && s.chart.type !== 'map');
    expect(charts).toHaveLength(5);
    expect([...pkg.files.keys()].filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(charts.length);
    for (const [slide, n] of charts) {
      const chart = slide.chart!;
      const xml = chartOfSlide(pkg, n);
      expect(xml, `slide ${n} has a chart part`).toBeDefined();
      expect(xml).toMatch(CHART_ELEMENT[chart.type as Exclude<Chart['type'], 'map'>]);
      expect(seriesValues(xml!)).toEqual(chart.series.map((s) => chart.labels.map((_, i) => s.values[i] ?? null)));
      expect(categoryLabels(xml!)).toEqual(chart.labels);
      for (const series of chart.series) expect(unescapeXml(xml!)).toContain(`<c:v>${series.name}</c:v>`);
      // The data PowerPoint's "Edit Data" opens travels inside the file.
      expect(pkg.files.get(`ppt/charts/_rels/${/chart\d+\.xml/.exec(pkg.files.get(`ppt/slides/_rels/slide${n}.xml.rels`)!)![0]}.rels`)).toMatch(/\.\.\/embeddings\/[^"]+\.xlsx"/);
    }
  });

  it('shows sources and confidence labels on the slides, as on screen', () => {
    const parts = slideParts(pkg);
    shown.forEach((slide, i) => {
      const text = partText(pkg.files.get(parts[i])!);
      if (slide.confidence) expect(text).toContain(`Confidence: ${slide.confidence[0].toUpperCase()}${slide.confidence.slice(1)}`);
      if (slide.sources?.length && slide.layout !== 'title' && slide.layout !== 'sources') expect(text).toMatch(/^Sources?: /m);
    });
    const sourcesSlide = partText(pkg.files.get(parts[shown.findIndex((s) => s.layout === 'sources')])!);
    for (const src of deck.sources ?? []) expect(normalise(sourcesSlide)).toContain(normalise(src.title));
  });

  it('keeps stats, quotes and both columns as text', () => {
    const parts = slideParts(pkg);
    shown.forEach((slide, i) => {
      const text = normalise(partText(pkg.files.get(parts[i])!));
      for (const stat of slide.stats ?? []) expect(text).toContain(normalise(stat.label));
      if (slide.quote) expect(text).toContain(normalise(slide.quote.text));
      for (const column of slide.columns ?? []) {
        expect(text).toContain(normalise(column.heading));
        for (const b of column.bullets) expect(text).toContain(normalise(b));
      }
    });
  });

  it('points nowhere outside the file: no external relationship, no hyperlink', () => {
    const rels = [...pkg.files].filter(([n]) => n.endsWith('.rels'));
    expect(rels.length).toBeGreaterThan(50);
    for (const [name, xml] of rels) {
      expect(xml, name).not.toMatch(/TargetMode="External"/);
      expect(xml, name).not.toMatch(/Target="(https?|file|ftp):/i);
    }
    for (const [name, xml] of pkg.files) expect(xml, name).not.toMatch(/<a:hlinkClick/);
  });

  it('opens in LibreOffice (headless, converted to PDF) with every slide title on its page', (ctx) => {
    const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
    if (!soffice) {
      console.warn('LibreOffice check skipped: soffice is not installed (Debian: apt-get install libreoffice-impress)');
      ctx.skip();
      return;
    }
    const poppler = popplerMissing();
    if (poppler) {
      console.warn(`LibreOffice check skipped: ${poppler}`);
      ctx.skip();
      return;
    }
    const dir = path.join(work.dir, 'libreoffice');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'default.pptx');
    writeFileSync(file, pptx);
    // A profile of its own: no clash with a running LibreOffice or another test's profile.
    const profile = `file://${path.join(dir, 'profile')}`;
    const run = spawnSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], {
      timeout: 170_000,
      encoding: 'utf8',
    });
    expect(run.error, run.stderr).toBeUndefined();
    const pdf = path.join(dir, 'default.pdf');
    expect(existsSync(pdf), `${run.stdout}\n${run.stderr}`).toBe(true);
    const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(pages)![1])).toBe(shown.length);
    shown.forEach((slide, i) => {
      const text = normalise(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
      expect(text, `page ${i + 1}`).toContain(normalise(slide.title));
    });
  }, 180_000);
});

/** A one-slide deck around `slide`. */
function deckWith(slides: Slide[], extra: Partial<Deck> = {}): Deck {
  return { format: 'briefing-deck', version: 1, meta: { title: 'Test deck' }, slides, ...extra };
}

// A 2 × 1 PNG (red, blue).
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDwHwAF/gH/tDUnbgAAAABJRU5ErkJggg==';
const SVG = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1f4e79"/></svg>').toString('base64')}`;

describe('PowerPoint export of each kind of content', () => {
  it('leaves gaps as gaps and zeros as zeros, in the chart and in its embedded workbook', async () => {
    const chart: Chart = { type: 'line', labels: ['2021', '2022', '2023', '2024'], series: [{ name: 'Output', values: [1.5, null, 0, 4] }], unit: '%' };
    const { buffer } = await exportPptx(deckWith([{ id: 'c', layout: 'chart', title: 'Gaps', chart }]));
    const p = await unpack(buffer);
    const xml = chartOfSlide(p, 1)!;
    expect(seriesValues(xml)).toEqual([[1.5, null, 0, 4]]);
    expect(xml).not.toMatch(/<c:v><\/c:v>/);
    expect(xml).toMatch(/<c:dispBlanksAs val="gap"\/>/);
    const workbookName = Object.keys(p.zip.files).find((n) => n.startsWith('ppt/embeddings/'))!;
    const workbook = await JSZip.loadAsync(await p.zip.file(workbookName)!.async('nodebuffer'));
    const sheet = await workbook.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<c r="B2"><v>1.5</v></c>');
    expect(sheet).toContain('<c r="B3"/>');
    expect(sheet).toContain('<c r="B4"><v>0</v></c>');
    expect(sheet).toContain('<c r="B5"><v>4</v></c>');
  });

  it('formats the value axis in the deck’s unit', () => {
    const base: Chart = { type: 'bar', labels: ['a'], series: [{ name: 's', values: [12] }] };
    expect(numberFormat({ ...base, unit: '%' })).toBe('#,##0"%"');
    expect(numberFormat({ ...base, unit: 'USD bn', series: [{ name: 's', values: [1.5] }] })).toBe('"$"#,##0.0"bn"');
    expect(numberFormat({ ...base, unit: 'kt "raw"' })).toBe('#,##0" kt raw"');
    expect(numberFormat(base)).toBe('#,##0');
  });

  it('makes a map a picture, with its figures in the speaker notes', async () => {
    const chart: Chart = { type: 'map', labels: ['Kazakhstan', 'Uzbekistan', 'Tajikistan'], series: [{ name: 'BRI investment', values: [23, 4.5, null] }], unit: 'USD bn' };
    const { buffer } = await exportPptx(deckWith([{ id: 'm', layout: 'chart', title: 'Where the money went', chart, notes: 'Kazakhstan first.' }]));
    const p = await unpack(buffer);
    expect(Object.keys(p.zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))).toEqual([]);
    expect(Object.keys(p.zip.files).some((n) => /^ppt\/media\/.+\.(png|jpe?g)$/.test(n))).toBe(true);
    expect(p.files.get('ppt/slides/slide1.xml')).toMatch(/<p:pic>/);
    const notes = partText(p.files.get('ppt/notesSlides/notesSlide1.xml')!);
    expect(notes).toContain('Kazakhstan first.');
    expect(notes).toContain('Map data');
    expect(notes).toContain('Kazakhstan: $23bn');
    expect(notes).toContain('Uzbekistan: $4.5bn');
    expect(notes).toContain('Tajikistan: no figure reported');
  });

  it('embeds data-URL images (SVG drawn as PNG), and never opens a path or URL', async () => {
    const { buffer } = await exportPptx(
      deckWith([
        { id: 'a', layout: 'image', title: 'A picture', image: { src: PNG, alt: 'Two squares', caption: 'Red and blue' } },
        { id: 'b', layout: 'bullets', title: 'With a drawing', bullets: ['One point'], image: { src: SVG, alt: 'A box' } },
        { id: 'c', layout: 'image', title: 'Not embedded', image: { src: 'https://example.com/x.png', alt: 'Remote' } },
        { id: 'd', layout: 'image', title: 'A path', image: { src: 'pictures/map.png', alt: 'Local file' } },
      ]),
    );
    const p = await unpack(buffer);
    const media = Object.keys(p.zip.files).filter((n) => n.startsWith('ppt/media/') && !n.endsWith('/'));
    expect(media).toHaveLength(2);
    expect(media.every((n) => n.endsWith('.png'))).toBe(true);
    expect(p.files.get('ppt/slides/slide1.xml')).toContain('descr="Two squares"');
    expect(partText(p.files.get('ppt/slides/slide1.xml')!)).toContain('Red and blue');
    expect(partText(p.files.get('ppt/slides/slide2.xml')!)).toContain('One point');
    expect(partText(p.files.get('ppt/slides/slide3.xml')!)).toContain('Image not embedded in the deck: Remote');
    expect(partText(p.files.get('ppt/slides/slide4.xml')!)).toContain('Image not embedded in the deck: Local file');
    for (const [name, xml] of p.files) if (name.endsWith('.rels')) expect(xml).not.toMatch(/External|example\.com|map\.png/);
  });

  it('makes a table a native table, continued on further slides when it is long', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`Country ${i + 1}`, i * 1.5, i === 3 ? null : { value: i, derived: 'sum of parts' }]);
    const { buffer, slides } = await exportPptx(
      deckWith([{ id: 't', layout: 'table', title: 'By country', table: { columns: [{ heading: 'Country' }, { heading: 'Output', unit: '%' }, { heading: 'Count' }], rows, caption: 'All figures as reported' } }]),
    );
    const p = await unpack(buffer);
    expect(slides).toBeGreaterThan(1);
    expect(slideParts(p)).toHaveLength(slides);
    const all = slideParts(p).map((n) => partText(p.files.get(n)!)).join('\n');
    expect(p.files.get('ppt/slides/slide1.xml')).toMatch(/<a:tbl>/);
    expect(all).toContain('Output (%)');
    for (let i = 0; i < 40; i++) expect(all).toContain(`Country ${i + 1}\n`);
    expect(all).toContain('By country (continued)');
    expect(all).toContain('4.5%');
    expect(all).toContain('5*');
    expect(all).toContain('* Country 1, Count: sum of parts');
  });

  it('follows the deck’s theme: 4:3, font and colours', async () => {
    const { buffer } = await exportPptx(
      deckWith([{ id: 'b', layout: 'bullets', title: 'Themed', bullets: ['x'] }], { theme: { aspect: '4:3', font: 'dejavu-sans', primary: '#aa3300' } }),
    );
    const p = await unpack(buffer);
    expect(p.files.get('ppt/presentation.xml')).toMatch(/<p:sldSz cx="9144000" cy="6858000"/);
    const slide = p.files.get('ppt/slides/slide1.xml')!;
    expect(slide).toContain('typeface="DejaVu Sans"');
    expect(slide).toContain('<a:srgbClr val="AA3300"/>');
  });

  it('leaves hidden slides out unless asked, then keeps them hidden', async () => {
    const slides: Slide[] = [
      { id: 'a', layout: 'bullets', title: 'Shown', bullets: ['x'] },
      { id: 'b', layout: 'bullets', title: 'Backup slide', bullets: ['y'], hidden: true },
    ];
    const without = await unpack((await exportPptx(deckWith(slides))).buffer);
    expect(slideParts(without)).toHaveLength(1);
    const withHidden = await unpack((await exportPptx(deckWith(slides), { includeHidden: true })).buffer);
    expect(slideParts(withHidden)).toHaveLength(2);
    expect(withHidden.files.get('ppt/slides/slide2.xml')).toMatch(/<p:sld [^>]*show="0"/);
  });

  it('writes ZIP archives that other readers read back byte for byte', async () => {
    const entries = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'ppt/a.xml', data: Buffer.from('x'.repeat(10_000)) },
      { name: 'ppt/ü.bin', data: Buffer.from([0, 1, 2, 255]) },
    ];
    const zip = writeZip(entries);
    const back = await JSZip.loadAsync(zip);
    for (const e of entries) expect(Buffer.from(await back.file(e.name)!.async('uint8array'))).toEqual(e.data);
    expect(readZip(zip)).toEqual(entries);
    expect(zip.length).toBeLessThan(1000);
  });
});

describe('briefing export -o OUT.pptx', () => {
  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runExportCommand(argv, (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  }

  it('writes PowerPoint when the name ends in .pptx and says how many slides', async () => {
    const file = path.join(work.dir, 'cli.pptx');
    const r = await run(DEFAULT_DECK_PATH, '-o', file);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(new RegExp(`cli\\.pptx: ${deck.slides.length} slides, \\d+ KB, PowerPoint, in \\d+\\.\\d\\d s$`));
    expect(slideParts(await unpack(readFileSync(file)))).toHaveLength(deck.slides.length);
  }, 60_000);

  it('refuses PDF-only options for a .pptx with a one-line reason and writes nothing', async () => {
    for (const extra of [['--layout', 'notes'], ['--notes', 'none'], ['--no-annex']]) {
      const file = path.join(work.dir, `refused${extra[0]}.pptx`);
      const r = await run(DEFAULT_DECK_PATH, '-o', file, ...extra);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(new RegExp(`^briefing export: ${extra[0]} applies only to a PDF`));
      expect(existsSync(file)).toBe(false);
    }
  });

  it('refuses an output that is neither .pdf nor .pptx', async () => {
    const r = await run(DEFAULT_DECK_PATH, '-o', path.join(work.dir, 'x.ppt'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`briefing export: the output file must end in .pdf or .pptx: ${path.join(work.dir, 'x.ppt')}`]);
  });
});

describe('PowerPoint export jobs', () => {
  it('main checks the format: pdf when absent, pptx, nothing else', () => {
    expect(expectExportFormat({ layout: 'handout' })).toBe('pdf');
    expect(expectExportFormat({ format: 'pptx' })).toBe('pptx');
    expect(() => expectExportFormat({ format: 'docx' })).toThrow(/format must be one of pdf, pptx/);
    expect(() => expectExportFormat({ format: { toString: () => 'pptx' } })).toThrow();
  });

  const worker = defaultWorkerFile();
  const modes = [{ name: 'in-process', file: null as string | null }, ...(worker ? [{ name: 'worker thread', file: worker }] : [])];
  it.each(modes)('runs a pptx job to the end ($name): progress, then the file with its slide count', async ({ name, file }) => {
    const jobs = createExportJobs({ workerFile: file });
    const out = path.join(work.dir, `job-${name.replace(/\W/g, '-')}.pptx`);
    const id = jobs.start(deck, { format: 'pptx', layout: 'slides', notes: 'talking-points', annex: false }, out, { exclusive: true });
    let status: ExportStatus;
    for (;;) {
      status = jobs.status(id);
      if (status.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toMatchObject({ state: 'done', file: out, pages: deck.slides.length });
    expect(slideParts(await unpack(readFileSync(out)))).toHaveLength(deck.slides.length);
    expect(readdirSync(work.dir).filter((f) => f.includes(path.basename(out)) && f !== path.basename(out))).toEqual([]);
  }, 60_000);
});
