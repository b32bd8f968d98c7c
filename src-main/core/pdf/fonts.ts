/**
 * The bundled fonts, as pdfmake and @napi-rs/canvas each need them, and the one
 * local-file policy pdfmake gets: it may read these font files and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fontsDir } from '../paths';
import type { ThemeFont } from '../../../src-shared/theme';
import { parseFontWidths, readFontMetrics, readFontTables, withoutTables, type FontMetrics, type FontWidths } from './font-metrics';
import { currentPdfTheme } from './theme';

/** pdfmake font names. Noto Sans covers Latin, Greek and Cyrillic (Kazakh too); Droid Sans Fallback covers CJK. */
export const PDF_FONT = 'NotoSans';
export const PDF_FONT_CJK = 'DroidFallback';
/** DejaVu Sans: Arabic, Hebrew and the symbols Noto Sans lacks ("≠", arrows), as on screen. */
export const PDF_FONT_EXTRA = 'DejaVuSans';

/** The family our charts ask for first (`CHART_FONT_FAMILY` in src-shared). */
export const CANVAS_FAMILY = 'Briefing Sans';

type Faces = { normal: string; bold: string; italics: string; bolditalics: string };

const NOTO: Faces = {
  normal: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italics: 'NotoSans-Italic.ttf',
  bolditalics: 'NotoSans-BoldItalic.ttf',
};
const DEJAVU: Faces = {
  normal: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italics: 'DejaVuSans-Oblique.ttf',
  bolditalics: 'DejaVuSans-BoldOblique.ttf',
};
const CJK_FILE = 'DroidSansFallbackFull.ttf';

/**
 * The families a theme may choose (`theme.font`): pdfmake's name, the canvas family
 * the charts and the text measurer ask for (the renderer's @font-face names), the files.
 */
export const THEME_FONT_FILES: Record<ThemeFont, { pdf: string; canvas: string; faces: Faces }> = {
  'noto-sans': { pdf: PDF_FONT, canvas: CANVAS_FAMILY, faces: NOTO },
  'dejavu-sans': { pdf: 'DejaVuSans', canvas: 'Briefing DejaVu', faces: DEJAVU },
};

/** The theme's main font of the export in progress. */
export function mainFont(): { pdf: string; canvas: string; faces: Faces } {
  return THEME_FONT_FILES[currentPdfTheme().resolved.font];
}

let folder: string | undefined;

/**
 * The fonts folder as a real path. In the packaged app the fonts are unpacked
 * beside app.asar (electron-builder.yml), and native code (the canvas) cannot
 * read through Electron's asar layer, so we point everything at the real files.
 */
function fontsFolder(): string {
  if (folder) return folder;
  // Absolute, so the allow-list below compares like with like whatever the app root was given as.
  const dir = path.resolve(fontsDir());
  const unpacked = dir.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return (folder = unpacked !== dir && existsSync(unpacked) ? unpacked : dir);
}

/** DejaVu Sans as opened from the fonts folder (with its shaping tables). */
function DEJAVU_FILES(dir: string): Faces {
  return {
    normal: path.join(dir, DEJAVU.normal),
    bold: path.join(dir, DEJAVU.bold),
    italics: path.join(dir, DEJAVU.italics),
    bolditalics: path.join(dir, DEJAVU.bolditalics),
  };
}

/** Absolute paths of every font file pdfmake may open. */
export function fontFiles(): string[] {
  const dir = fontsFolder();
  return [...Object.values(NOTO), ...Object.values(DEJAVU), CJK_FILE].map((file) => path.join(dir, file));
}

/** pdfmake's in-memory file system (fonts placed there are read from memory, not disk). */
export interface VirtualFs {
  existsSync(name: string): boolean;
  writeFileSync(name: string, data: Buffer): void;
}

const stripped = new Map<string, Faces>();
const strippedBytes = new Map<string, Buffer>();

/** A face of a theme's font as the PDF gets it: read once, without its shaping tables (see `pdfFontDescriptors`). */
function strippedFace(font: ThemeFont, face: keyof Faces): Buffer {
  const file = THEME_FONT_FILES[font].faces[face];
  let bytes = strippedBytes.get(file);
  if (!bytes) strippedBytes.set(file, (bytes = withoutTables(readFileSync(path.join(fontsFolder(), file)), ['GPOS', 'GSUB'])));
  return bytes;
}

/**
 * The pdfmake `fonts` dictionary (a fresh object: pdfmake rewrites it while
 * resolving). The theme's font goes in as shaping-free copies held in pdfmake's
 * virtual file system (see `withoutTables`), made the first time a theme uses it;
 * the CJK font, needed by few decks, is read from the fonts folder only when a run
 * uses it.
 */
export function pdfFontDescriptors(vfs: VirtualFs, font: ThemeFont = 'noto-sans'): Record<string, Faces> {
  const dir = fontsFolder();
  const family = THEME_FONT_FILES[font];
  let faces = stripped.get(family.pdf);
  if (!faces || !vfs.existsSync(faces.normal)) {
    const named: Record<string, string> = {};
    for (const [face, file] of Object.entries(family.faces)) {
      const name = `briefing-fonts/${file}`;
      vfs.writeFileSync(name, strippedFace(font, face as keyof Faces));
      named[face] = name;
    }
    faces = named as Faces;
    stripped.set(family.pdf, faces);
  }
  const cjk = path.join(dir, CJK_FILE);
  const dejavu = DEJAVU_FILES(dir);
  // The CJK font has one face; bold/italic runs use it as is rather than fail. The extra
  // DejaVu Sans keeps its shaping tables (Arabic letters join through GSUB) and is opened
  // only when a run uses it.
  return {
    [family.pdf]: { ...faces },
    [PDF_FONT_CJK]: { normal: cjk, bold: cjk, italics: cjk, bolditalics: cjk },
    [PDF_FONT_EXTRA]: dejavu,
  };
}

/**
 * pdfmake's local access policy: only our bundled font files, compared after
 * resolving the path, so `..` or a symlink-looking name cannot widen it.
 */
export function isAllowedLocalFile(file: string): boolean {
  if (typeof file !== 'string' || file.includes('\0')) return false;
  const resolved = path.resolve(file);
  return fontFiles().some((allowed) => allowed === resolved);
}

const mainMetrics = new Map<string, FontMetrics>();
let cjkMetrics: FontMetrics | undefined;
let extraMetrics: FontMetrics | undefined;

/** Coverage and line height of the theme's font (Noto Sans unless the deck chose DejaVu Sans), read once per family. */
export function mainFontMetrics(): FontMetrics {
  const family = mainFont();
  let metrics = mainMetrics.get(family.pdf);
  if (!metrics) mainMetrics.set(family.pdf, (metrics = readFontMetrics(path.join(fontsFolder(), family.faces.normal))));
  return metrics;
}

/** Droid Sans Fallback coverage, read only when a deck has a character Noto Sans lacks. */
export function cjkFontMetrics(): FontMetrics {
  return (cjkMetrics ??= readFontMetrics(path.join(fontsFolder(), CJK_FILE)));
}

/** DejaVu Sans coverage (Arabic, Hebrew, symbols), read only when a deck has a character Noto Sans lacks. */
export function extraFontMetrics(): FontMetrics {
  return (extraMetrics ??= readFontMetrics(path.join(fontsFolder(), DEJAVU.normal)));
}

/** Which face of a family draws text in this style. */
export function faceOf(bold: boolean, italics: boolean): keyof Faces {
  return bold ? (italics ? 'bolditalics' : 'bold') : italics ? 'italics' : 'normal';
}

const widths = new Map<string, FontWidths>();
/** What `parseFontWidths` reads of a font file. */
const WIDTH_TABLES = ['head', 'hhea', 'hmtx', 'cmap'];

function widthsOf(key: string, bytes: () => Buffer): FontWidths {
  let found = widths.get(key);
  if (!found) widths.set(key, (found = parseFontWidths(bytes())));
  return found;
}

/**
 * The advance widths of the fonts a run of text in this style may be drawn with, in the order
 * `text-runs.ts` picks them: the theme's font (the very bytes pdfmake gets), DejaVu Sans, the
 * CJK font. The last two are read only when a character needs them.
 */
export function styleWidths(font: ThemeFont, face: keyof Faces): { main: FontWidths; extra(): FontWidths; cjk(): FontWidths } {
  const dir = fontsFolder();
  return {
    main: widthsOf(`${font}|${face}`, () => strippedFace(font, face)),
    extra: () => widthsOf(`extra|${face}`, () => readFontTables(DEJAVU_FILES(dir)[face], WIDTH_TABLES)),
    cjk: () => widthsOf('cjk', () => readFontTables(path.join(dir, CJK_FILE), WIDTH_TABLES)),
  };
}

interface CanvasFonts {
  registerFromPath(file: string, alias?: string): unknown;
  loadFontsFromDir(dir: string): number;
}

let canvasFontsReady = false;

/**
 * Registers the bundled fonts with @napi-rs/canvas: Noto Sans under the chart
 * family name, and the whole folder as fallback fonts, so a Chinese chart label
 * draws with Droid Sans Fallback even on a machine with no CJK font installed.
 */
export function registerCanvasFonts(fonts: CanvasFonts): void {
  if (canvasFontsReady) return;
  const dir = fontsFolder();
  fonts.loadFontsFromDir(dir);
  for (const family of Object.values(THEME_FONT_FILES)) {
    for (const file of Object.values(family.faces)) fonts.registerFromPath(path.join(dir, file), family.canvas);
  }
  canvasFontsReady = true;
}
