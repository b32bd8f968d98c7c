/**
 * A Marp/Slidev-style Markdown outline → a deck. markdown-it (html: false) parses
 * each slide into tokens, which are walked — nothing is ever rendered as HTML.
 * Anything that cannot be mapped (tables, images, code, deep lists, HTML) is kept
 * in the slide's notes and reported with its line number, never dropped silently.
 * The format is documented in docs/deck-format.md ("Importing a Markdown outline").
 *
 * Kept in core (not src-shared) so markdown-it stays out of the renderer bundle; the
 * app reaches it through the API.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { CHART_TYPES, CONFIDENCE, DECK_FORMAT, DECK_VERSION, LIMITS, type Chart, type ChartType, type Confidence, type Deck, type Slide, type Source } from '../../src-shared/deck-schema';
import { formatProblems, validateDeck } from '../../src-shared/deck-validate';
import { slugify } from '../../src-shared/slug';
import { parseTableText } from '../../src-shared/table-import';

export interface ImportWarning {
  /** 1-based line in the Markdown file. */
  line: number;
  message: string;
}

export interface MarkdownImport {
  deck: Deck;
  warnings: ImportWarning[];
}

/** The largest outline accepted: far beyond any briefing, small enough never to stall. */
export const MAX_MARKDOWN_BYTES = 5 * 1024 * 1024;

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

const SEPARATOR = /^---+\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const NOTE_START = /^\s*notes?:\s*/i;
const CHART_HEADER = /^(type|unit|caption|derived|title)\s*:\s*(.*)$/i;
const ATTRIBUTION = /^\s*(?:—|–|--)\s*(.+)$/;
/** Marp's `<!-- paginate: true -->`-style directives are styling, not talking points. */
const MARP_DIRECTIVE =
  /^\s*_?(theme|paginate|header|footer|class|backgroundColor|backgroundImage|backgroundPosition|backgroundRepeat|backgroundSize|color|size|style|headingDivider|marp|math|lang|transition)\s*:[^\n]*$/;
const HTML_TAG = /<\/?[a-z][\w-]*(?:\s[^<>]*)?\/?>/gi;

/** One slide's text as found in the file, with what has been pulled out of it. */
interface Chunk {
  /** 0-based line in the file where the chunk's first line is. */
  start: number;
  lines: string[];
  /** `<!-- … -->` comments with the 1-based line they start on. */
  comments: { line: number; text: string }[];
}

/** What a slide collects while its tokens are walked. */
interface Draft {
  title?: string;
  titleLine: number;
  subtitle?: string;
  bullets: string[];
  columns: { heading: string; bullets: string[] }[];
  chart?: Chart;
  quote?: { text: string; attribution?: string };
  confidence?: Confidence;
  sources: string[];
  notes: string[];
  kept: string[];
  body: boolean;
}

/** Turns an outline into a valid deck plus warnings; throws only when there is nothing to import. */
export function markdownToDeck(text: string, opts: { fileName?: string } = {}): MarkdownImport {
  if (text.length > MAX_MARKDOWN_BYTES) throw new Error(`the outline is larger than ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB`);
  const warnings: ImportWarning[] = [];
  const warn = (line: number, message: string) => {
    if (warnings.length < 500) warnings.push({ line, message });
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const { meta, bodyStart } = readFrontMatter(lines, warn);
  const chunks = splitSlides(lines, bodyStart);
  const sources: Source[] = [];
  const sourceIds = new Map<string, string>();
  const cite = (title: string): string => {
    const key = title.toLowerCase();
    const known = sourceIds.get(key);
    if (known) return known;
    const id = uniqueId(slugify(title, 40) || `source-${sources.length + 1}`, new Set(sources.map((s) => s.id)));
    sources.push({ id, title: clip(title, LIMITS.maxTitle) });
    sourceIds.set(key, id);
    return id;
  };

  const drafts: Draft[] = [];
  for (const chunk of chunks) {
    const draft = readSlide(chunk, warn, cite);
    if (draft) drafts.push(draft);
  }
  if (drafts.length === 0) throw new Error('the outline has no slides: write a "# Title" line, and "---" between slides');
  if (drafts.length > LIMITS.maxSlides) {
    warn(drafts[LIMITS.maxSlides].titleLine, `a deck holds at most ${LIMITS.maxSlides} slides; this one and the rest were left out`);
    drafts.length = LIMITS.maxSlides;
  }

  const ids = new Set<string>();
  const slides = drafts.map((draft, index) => toSlide(draft, index, ids, warn, cite));
  const deckTitle = meta.title ?? drafts[0].title ?? titleFromFileName(opts.fileName) ?? 'Imported briefing';
  const deck: Deck = { format: DECK_FORMAT, version: DECK_VERSION, meta: { ...meta, title: clip(deckTitle, LIMITS.maxTitle) }, slides };
  if (sources.length) deck.sources = sources.slice(0, 500);
  const result = validateDeck(deck);
  if (!result.ok) throw new Error(`the imported deck is not valid: ${formatProblems(result.problems).slice(0, 5).join('; ')}`);
  warnings.sort((a, b) => a.line - b.line);
  return { deck, warnings };
}

/** `---` on the first line opens `key: value` front matter, closed by the next `---`. */
function readFrontMatter(lines: string[], warn: (line: number, message: string) => void): { meta: Omit<Deck['meta'], 'title'> & { title?: string }; bodyStart: number } {
  const meta: Omit<Deck['meta'], 'title'> & { title?: string } = {};
  if (!SEPARATOR.test(lines[0] ?? '')) return { meta, bodyStart: 0 };
  const end = lines.findIndex((line, i) => i > 0 && SEPARATOR.test(line));
  if (end < 0) return { meta, bodyStart: 0 };
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      warn(i + 1, `front matter: cannot read "${clip(line.trim(), 60)}"; expected "key: value"`);
      continue;
    }
    const key = m[1].toLowerCase().replace(/[-_]/g, '');
    const value = unquote(m[2].trim());
    if (key === 'title' || key === 'subtitle' || key === 'author') meta[key] = clip(value, LIMITS.maxTitle);
    else if (key === 'asof') meta.asOf = clip(value, LIMITS.maxTitle);
    else if (key === 'date') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) meta.date = value;
      else warn(i + 1, `front matter: date "${clip(value, 40)}" is not YYYY-MM-DD; left out`);
    } else warn(i + 1, `front matter: "${m[1]}" is not used by Briefing Desk (title, subtitle, author, date and asOf are); ignored`);
  }
  return { meta, bodyStart: end + 1 };
}

/** Splits at `---` lines outside code fences, and pulls out `<!-- … -->` comments (the notes). */
function splitSlides(lines: string[], from: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { start: from, lines: [], comments: [] };
  let fence: string | null = null;
  let comment: string[] | null = null;
  let commentLine = 0;
  for (let i = from; i < lines.length; i++) {
    let line = lines[i];
    if (comment) {
      const close = line.indexOf('-->');
      if (close < 0) {
        comment.push(line);
        current.lines.push('');
        continue;
      }
      comment.push(line.slice(0, close));
      current.comments.push({ line: commentLine, text: comment.join('\n') });
      comment = null;
      line = line.slice(close + 3);
    }
    if (fence) {
      current.lines.push(line);
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      current.lines.push(line);
      continue;
    }
    if (SEPARATOR.test(line)) {
      chunks.push(current);
      current = { start: i + 1, lines: [], comments: [] };
      continue;
    }
    // Comments anywhere on the line (outside fences) are talking points, blanked out of the text.
    let rest = line;
    let kept = '';
    for (;;) {
      const at = rest.indexOf('<!--');
      if (at < 0) {
        kept += rest;
        break;
      }
      kept += rest.slice(0, at);
      const close = rest.indexOf('-->', at + 4);
      if (close < 0) {
        comment = [rest.slice(at + 4)];
        commentLine = i + 1;
        break;
      }
      current.comments.push({ line: i + 1, text: rest.slice(at + 4, close) });
      rest = rest.slice(close + 3);
    }
    current.lines.push(kept);
  }
  if (comment) current.comments.push({ line: commentLine, text: comment.join('\n') });
  chunks.push(current);
  return chunks;
}

/** Walks one slide's tokens; null for a chunk with nothing in it. */
function readSlide(chunk: Chunk, warn: (line: number, message: string) => void, cite: (title: string) => string): Draft | null {
  const tokens = md.parse(chunk.lines.join('\n'), {});
  const lineOf = (token: Token | undefined) => chunk.start + (token?.map?.[0] ?? 0) + 1;
  const rawLines = (token: Token) => (token.map ? chunk.lines.slice(token.map[0], token.map[1]).join('\n').trim() : token.content.trim());
  const draft: Draft = { titleLine: chunk.start + 1, bullets: [], columns: [], sources: [], notes: [], kept: [], body: false };
  const keep = (token: Token, what: string, advice: string) => {
    warn(lineOf(token), `${what} cannot be shown on a slide (${advice}); kept in the slide's notes`);
    draft.kept.push(`[Not imported: ${what}]\n${rawLines(token)}`);
  };
  let column: { heading: string; bullets: string[] } | null = null;
  let noteFrom = -1;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') {
      const text = inlineText(tokens[i + 1], lineOf(token), warn, draft);
      const level = Number(token.tag.slice(1));
      i += 2;
      if (level === 1 && draft.title === undefined) {
        draft.title = text;
        draft.titleLine = lineOf(token);
      } else if (level === 2 && draft.title === undefined) {
        draft.title = text;
        draft.titleLine = lineOf(token);
      } else if (level === 2 && draft.subtitle === undefined && !draft.body) draft.subtitle = text;
      else if (level === 3) {
        column = { heading: text, bullets: [] };
        draft.columns.push(column);
        draft.body = true;
      } else {
        warn(lineOf(token), `a level-${level} heading "${clip(text, 40)}" here has no place on a slide; kept as a bullet`);
        draft.bullets.push(text);
        draft.body = true;
      }
      continue;
    }
    if (token.type === 'paragraph_open') {
      const inline = tokens[i + 1];
      i += 2;
      const raw = inline.content;
      if (NOTE_START.test(raw)) {
        noteFrom = inline.map?.[0] ?? token.map?.[0] ?? 0;
        break;
      }
      const source = /^\s*sources?\s*:\s*(.+)$/is.exec(raw);
      if (source) {
        for (const title of source[1].split(/\s*;\s*/).filter(Boolean)) draft.sources.push(cite(title.replace(/\s+/g, ' ').trim()));
        continue;
      }
      const confidence = /^\s*confidence\s*:\s*(\S+)\s*$/i.exec(raw);
      if (confidence) {
        const level = confidence[1].toLowerCase();
        if ((CONFIDENCE as readonly string[]).includes(level)) draft.confidence = level as Confidence;
        else warn(lineOf(token), `confidence "${clip(confidence[1], 20)}" is not one of ${CONFIDENCE.join(', ')}; left out`);
        continue;
      }
      const text = inlineText(inline, lineOf(token), warn, draft);
      const attribution = ATTRIBUTION.exec(text);
      if (attribution && draft.quote && draft.quote.attribution === undefined) {
        draft.quote.attribution = clip(attribution[1], LIMITS.maxTitle);
        continue;
      }
      if (text === '') continue;
      draft.body = true;
      if (column) column.bullets.push(text);
      else draft.bullets.push(text);
      continue;
    }
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const end = closing(tokens, i);
      const items = listItems(tokens.slice(i, end + 1), lineOf, warn, draft);
      for (const item of items.kept) draft.kept.push(item);
      (column ? column.bullets : draft.bullets).push(...items.bullets);
      draft.body = true;
      i = end;
      continue;
    }
    if (token.type === 'blockquote_open') {
      const end = closing(tokens, i);
      const parts: string[] = [];
      for (let j = i + 1; j < end; j++) if (tokens[j].type === 'inline') parts.push(inlineText(tokens[j], lineOf(tokens[j]), warn, draft, '\n'));
      const quoteLines = parts.join('\n').split('\n').map((l) => l.trim()).filter(Boolean);
      let attribution: string | undefined;
      const last = quoteLines.length > 1 ? ATTRIBUTION.exec(quoteLines[quoteLines.length - 1]) : null;
      if (last) {
        attribution = clip(last[1], LIMITS.maxTitle);
        quoteLines.pop();
      }
      const quoteText = quoteLines.join(' ');
      if (draft.quote) {
        warn(lineOf(token), 'a slide shows one quote; this second quote was kept as a bullet');
        draft.bullets.push(`“${quoteText}”${attribution ? ` — ${attribution}` : ''}`);
      } else draft.quote = { text: clip(quoteText, 4000), ...(attribution ? { attribution } : {}) };
      draft.body = true;
      i = end;
      continue;
    }
    if (token.type === 'fence') {
      const info = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      if (info === 'chart') {
        if (draft.chart) keep(token, 'a second chart', 'a slide shows one chart; put it on its own slide');
        else {
          draft.chart = readChart(token.content, lineOf(token) + 1, warn);
          draft.body = true;
        }
      } else keep(token, info ? `a ${info} code block` : 'a code block', 'slides show text, bullets and charts; use ```chart for numbers');
      continue;
    }
    if (token.type === 'code_block') {
      keep(token, 'an indented code block', 'slides show text, bullets and charts');
      continue;
    }
    if (token.type === 'table_open') {
      const end = closing(tokens, i);
      keep(token, 'a table', 'put numbers in a ```chart block as CSV, or use bullets');
      i = end;
      continue;
    }
    if (token.type === 'hr') {
      warn(lineOf(token), 'a horizontal rule (*** or ___) is not a slide break; only "---" is; ignored');
      continue;
    }
    if (token.type === 'html_block') keep(token, 'HTML', 'deck text is plain text');
  }

  if (draft.title === undefined && tokens.length) draft.titleLine = lineOf(tokens[0]);
  // Reveal.js style: everything after a "Note:" line is the talking points.
  if (noteFrom >= 0) {
    const noteText = chunk.lines.slice(noteFrom).join('\n').replace(NOTE_START, '').trim();
    if (noteText) draft.notes.push(noteText);
  }
  const commentNotes: string[] = [];
  for (const comment of chunk.comments) {
    const directive = MARP_DIRECTIVE.exec(comment.text.trim());
    if (directive) warn(comment.line, `the Marp directive "${directive[1]}" has no meaning in Briefing Desk; ignored`);
    else commentNotes.push(dedent(comment.text));
  }
  draft.notes.unshift(...commentNotes.filter(Boolean));
  const empty = draft.title === undefined && !draft.body && draft.notes.length === 0 && draft.kept.length === 0 && draft.sources.length === 0;
  return empty ? null : draft;
}

/** Bullets from a list: one level of nesting becomes "– " sub-bullets; deeper levels go to notes. */
function listItems(
  tokens: Token[],
  lineOf: (token: Token) => number,
  warn: (line: number, message: string) => void,
  draft: Draft,
): { bullets: string[]; kept: string[] } {
  const bullets: string[] = [];
  const kept: string[] = [];
  let depth = 0;
  let fresh = false;
  let warnedDeep = false;
  for (const token of tokens) {
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') depth++;
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--;
    else if (token.type === 'list_item_open') fresh = true;
    else if (token.type === 'inline') {
      const text = inlineText(token, lineOf(token), warn, draft);
      if (depth > 2) {
        if (!warnedDeep) warn(lineOf(token), 'lists nested more than one level deep cannot be shown; the deeper items were kept in the notes');
        warnedDeep = true;
        kept.push(`[Not imported: a deeply nested list item]\n${'  '.repeat(depth - 1)}- ${text}`);
      } else if (fresh) bullets.push(depth === 2 ? `– ${text}` : text);
      else if (bullets.length) bullets[bullets.length - 1] += ` ${text}`;
      fresh = false;
    } else if (token.type === 'fence' || token.type === 'code_block' || token.type === 'table_open' || token.type === 'blockquote_open') {
      warn(lineOf(token), 'only text can go in a bullet; a code block, table or quote inside a list was kept in the notes');
      kept.push(`[Not imported: a block inside a list]\n${token.content.trim()}`);
    }
  }
  return { bullets, kept };
}

/** A ```chart block: optional `type:`/`unit:`/`caption:`/`derived:` lines, then CSV or TSV. */
function readChart(content: string, firstLine: number, warn: (line: number, message: string) => void): Chart {
  const lines = content.replace(/\n$/, '').split('\n');
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = CHART_HEADER.exec(lines[i].trim());
    if (!m) break;
    header[m[1].toLowerCase()] = m[2].trim();
  }
  let type: ChartType = 'bar';
  if (header.type !== undefined) {
    const wanted = header.type.toLowerCase();
    if ((CHART_TYPES as readonly string[]).includes(wanted)) type = wanted as ChartType;
    else warn(firstLine, `chart type "${clip(header.type, 30)}" is not one of ${CHART_TYPES.join(', ')}; drew a bar chart`);
  }
  if (header.title !== undefined) warn(firstLine, 'a chart takes its title from the slide\'s "#" heading; the chart\'s "title:" line was ignored');
  const table = parseTableText(lines.slice(i).join('\n'));
  for (const problem of table.problems) {
    const at = problem.row > 0 ? firstLine + i + problem.row - 1 : firstLine;
    warn(at, `chart data${problem.column > 0 ? `, column ${problem.column}` : ''}: ${problem.message}`);
  }
  const chart: Chart = {
    type,
    labels: table.labels,
    series: table.series.length ? table.series : [{ name: 'Series 1', values: table.labels.map(() => null) }],
  };
  const unit = header.unit ?? table.unit;
  if (unit) chart.unit = clip(unit, 40);
  if (header.caption) chart.caption = clip(header.caption, 2000);
  if (header.derived) chart.derived = clip(header.derived, 2000);
  return chart;
}

/** The draft as a slide with a unique id and the layout its content calls for. */
function toSlide(draft: Draft, index: number, ids: Set<string>, warn: (line: number, message: string) => void, cite: (title: string) => string): Slide {
  let title = draft.title;
  if (title === undefined || title === '') {
    title = draft.quote ? 'Quote' : `Slide ${index + 1}`;
    warn(draft.titleLine, `this slide has no "#" title; called it "${title}"`);
  }
  if (title.length > LIMITS.maxTitle) warn(draft.titleLine, `the title is longer than ${LIMITS.maxTitle} characters; it was cut`);
  title = clip(title, LIMITS.maxTitle);
  const id = uniqueId(slugify(title, 56) || `slide-${index + 1}`, ids);
  ids.add(id);

  const isSources = /^(sources|references|bibliography)$/i.test(title) && !draft.chart && !draft.quote;
  let bullets = draft.bullets;
  if (isSources) {
    // A closing "Sources" slide: each bullet is a source of the deck, listed by the sources layout.
    for (const line of bullets) draft.sources.push(cite(line.replace(/^–\s*/, '')));
    bullets = [];
  }
  const columns = draft.columns.filter((c) => c.bullets.length > 0 || c.heading);
  const layout: Slide['layout'] = isSources
    ? 'sources'
    : draft.chart
      ? 'chart'
      : draft.quote
        ? 'quote'
        : columns.length >= 2 && columns.length <= 4 && bullets.length === 0
          ? 'two-column'
          : index === 0 && !draft.body
            ? 'title'
            : !draft.body
              ? 'section'
              : 'bullets';
  if (layout !== 'two-column' && columns.length) {
    // Column headings that do not make a two-column slide read as bullets.
    for (const c of columns) bullets.push(c.heading, ...c.bullets.map((b) => (b.startsWith('– ') ? b : `– ${b}`)));
  }
  const slide: Slide = { id, layout, title };
  if (draft.subtitle) slide.subtitle = clip(draft.subtitle, LIMITS.maxTitle);
  if (layout === 'two-column') slide.columns = columns.map((c) => ({ heading: clip(c.heading, LIMITS.maxTitle), bullets: capList(c.bullets, draft, warn) }));
  if (bullets.length) slide.bullets = capList(bullets, draft, warn);
  if (draft.chart) slide.chart = draft.chart;
  if (draft.quote) slide.quote = draft.quote;
  if (draft.confidence) slide.confidence = draft.confidence;
  const uniqueSources = [...new Set(draft.sources)].slice(0, LIMITS.maxListItems);
  if (uniqueSources.length) slide.sources = uniqueSources;
  const notes = [...draft.notes, ...draft.kept].join('\n\n').trim();
  if (notes) slide.notes = clip(notes, LIMITS.maxText);
  return slide;
}

function capList(items: string[], draft: Draft, warn: (line: number, message: string) => void): string[] {
  if (items.length > LIMITS.maxListItems) {
    warn(draft.titleLine, `a slide holds at most ${LIMITS.maxListItems} bullets; the rest were kept in the notes`);
    draft.kept.push(`[Not imported: bullets beyond ${LIMITS.maxListItems}]\n${items.slice(LIMITS.maxListItems).map((b) => `- ${b}`).join('\n')}`);
  }
  return items.slice(0, LIMITS.maxListItems).map((b) => clip(b, 2000));
}

/** Plain text of an inline token: emphasis dropped, links as "text (url)", images and HTML reported. */
function inlineText(token: Token | undefined, line: number, warn: (line: number, message: string) => void, draft: Draft, softBreak = ' '): string {
  if (!token) return '';
  let out = '';
  let href: string | null = null;
  let linkText = '';
  for (const child of token.children ?? []) {
    let piece = '';
    if (child.type === 'text' || child.type === 'code_inline') piece = child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') piece = softBreak;
    else if (child.type === 'image') {
      const alt = child.children?.map((c) => c.content).join('') ?? child.content;
      warn(line, `an image (${clip(child.attrGet('src') ?? '', 60)}) cannot be shown; its description was kept in the notes`);
      draft.kept.push(`[Not imported: an image] ${alt} (${child.attrGet('src') ?? ''})`);
      continue;
    } else if (child.type === 'link_open') {
      href = child.attrGet('href');
      linkText = '';
      continue;
    } else if (child.type === 'link_close') {
      out += href && href !== linkText && `mailto:${linkText}` !== href ? ` (${href})` : '';
      href = null;
      continue;
    }
    if (href !== null) linkText += piece;
    out += piece;
  }
  // Tags written in the source (not `&lt;b&gt;`, which is text on purpose) are HTML the author expected to work.
  if (new RegExp(HTML_TAG.source, 'i').test(token.content)) {
    warn(line, 'HTML is not supported (deck text is plain text); the tags were removed and the text kept');
    out = out.replace(HTML_TAG, '');
  }
  return softBreak === '\n' ? out.trim() : out.replace(/\s+/g, ' ').trim();
}

/** Index of the token that closes the one at `open` (same nesting level). */
function closing(tokens: Token[], open: number): number {
  const close = tokens[open].type.replace(/_open$/, '_close');
  for (let i = open + 1; i < tokens.length; i++) if (tokens[i].type === close && tokens[i].level === tokens[open].level) return i;
  return tokens.length - 1;
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function titleFromFileName(name: string | undefined): string | undefined {
  const stem = name?.replace(/^.*[\\/]/, '').replace(/\.(md|markdown|txt)$/i, '').replace(/[-_]+/g, ' ').trim();
  return stem ? stem[0].toUpperCase() + stem.slice(1) : undefined;
}

function unquote(text: string): string {
  const m = /^(["'])(.*)\1$/.exec(text);
  return m ? m[2] : text;
}

function dedent(text: string): string {
  const lines = text.replace(/^\s*\n|\n\s*$/g, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').trim();
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
