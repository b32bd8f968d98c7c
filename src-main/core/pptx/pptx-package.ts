/**
 * Fixes and checks on the finished package, where pptxgenjs falls short, then the
 * package re-packed with native deflate (zip-files.ts):
 *
 * - A gap (null) is written as an empty point `<c:v></c:v>`; PowerPoint reads that
 *   as text in a number cache. The point is dropped instead, which is how OOXML
 *   says "no value" (`ptCount` keeps the category).
 * - The workbook embedded with each chart (what "Edit Data" opens) writes 0 and
 *   null alike as an empty cell: a real 0 would be lost on the first edit. Cells
 *   are rewritten from the chart's own number cache.
 * - Nothing may point outside the file: a relationship with TargetMode="External"
 *   (a hyperlink, a linked picture) would make PowerPoint fetch on open, so the
 *   export refuses to produce one.
 */
import { readZip, writeZip, type ZipEntry } from './zip-files';

const EMPTY_POINT = /<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g;

/** Series values per `<c:ser>` from a chart part's number caches: idx → value text. */
export function chartCacheValues(xml: string): Array<Map<number, string>> {
  const series: Array<Map<number, string>> = [];
  for (const ser of xml.match(/<c:ser>[\s\S]*?<\/c:ser>/g) ?? []) {
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '';
    const points = new Map<number, string>();
    for (const m of val.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) points.set(Number(m[1]), m[2]);
    series.push(points);
  }
  return series;
}

/** Excel column letters → 1-based number ("A" → 1, "AA" → 27). */
function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** Rewrites the empty value cells of an embedded chart sheet: 0 where the chart has 0, no value where it has a gap. */
export function fixSheet(sheet: string, series: Array<Map<number, string>>): string {
  return sheet.replace(/<c r="([A-Z]+)(\d+)"><v><\/v><\/c>/g, (_all, col: string, row: string) => {
    // Column A holds the category labels; B… the series in order. Row 1 is the header.
    const value = series[columnNumber(col) - 2]?.get(Number(row) - 2);
    return value === undefined ? `<c r="${col}${row}"/>` : `<c r="${col}${row}"><v>${value}</v></c>`;
  });
}

/** Relationships parts that point outside the package (should be none). */
export function externalRelationships(entries: readonly ZipEntry[]): string[] {
  return entries.filter((e) => e.name.endsWith('.rels') && /TargetMode\s*=\s*"External"/i.test(e.data.toString('utf8'))).map((e) => e.name);
}

/** Applies the fixes above to a pptxgenjs package and returns the new bytes. */
export function finishPackage(bytes: Buffer): Buffer {
  const entries = readZip(bytes);
  const outside = externalRelationships(entries);
  if (outside.length) throw new Error(`the PowerPoint file would link outside itself (${outside.join(', ')}); nothing was written`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const entry of entries) {
    if (!/^ppt\/charts\/chart\d+\.xml$/.test(entry.name)) continue;
    const original = entry.data.toString('utf8');
    const xml = original.replace(EMPTY_POINT, '');
    if (xml !== original) entry.data = Buffer.from(xml, 'utf8');
    const series = chartCacheValues(xml);
    // Only a chart with a 0 or a gap has cells pptxgenjs left empty in its workbook.
    if (xml === original && !series.some((s) => [...s.values()].some((v) => Number(v) === 0))) continue;
    const rels = byName.get(entry.name.replace(/^ppt\/charts\/(chart\d+\.xml)$/, 'ppt/charts/_rels/$1.rels'))?.data.toString('utf8') ?? '';
    const target = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels)?.[1];
    const workbook = target ? byName.get(`ppt/embeddings/${target}`) : undefined;
    if (!workbook) continue;
    const parts = readZip(workbook.data);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml');
    if (!sheet) continue;
    sheet.data = Buffer.from(fixSheet(sheet.data.toString('utf8'), series), 'utf8');
    workbook.data = writeZip(parts);
  }
  // [Content_Types].xml first, as Office writes it (some readers look for it there).
  const ordered = [...entries].sort((a, b) => Number(b.name === '[Content_Types].xml') - Number(a.name === '[Content_Types].xml'));
  return writeZip(ordered);
}
