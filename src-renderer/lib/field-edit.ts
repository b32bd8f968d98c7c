/**
 * Small helpers the field editors share: every change is one `editor.edit` of one
 * path (undoable, autosaved, other fields untouched), grouped per field for undo.
 */
import { fieldKey } from '../../src-shared/field-problems';
import { getAt, type DeckEditor, type EditPath } from './deck-editor.svelte';

type Editor = Pick<DeckEditor, 'edit'>;

/** Sets one field; keystrokes in the same field within a moment are one undo step. */
export function editField(editor: Editor, path: EditPath, value: unknown): void {
  editor.edit(path, value, fieldKey(path));
}

/**
 * Sets `key` of the object at `base`, creating that object when it is missing
 * (a quote slide without a quote yet), so the edit never fails on a missing parent.
 */
export function editMember(editor: Editor, deck: unknown, base: EditPath, key: string, value: unknown): void {
  const parent = getAt(deck, base);
  if (parent !== null && typeof parent === 'object') editField(editor, [...base, key], value);
  else if (value !== undefined) editor.edit(base, { [key]: value });
}

/** Optional text: an emptied field is removed from the deck rather than saved as "". */
export function optionalText(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** A plain copy of deck data (never a Svelte proxy) to build a new value from. */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export type ParsedText<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A stat's number as typed: "1,234", "1 234", "18.5", "−3". The message for anything
 * else is the one `briefing check` gives for a value that is not a number.
 */
export function parseStatValue(text: string): ParsedText<number> {
  const t = text
    .trim()
    .replace(/^\u2212/, '-')
    .replace(/(\d)[,\s\u00a0\u202f](?=\d{3}(?:\D|$))/g, '$1');
  const value = t === '' ? NaN : Number(t);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'expected a number' };
}

/** A chart cell as typed: blank is a gap (null); "12%" and "1,200" read as 12 and 1200. */
export function parseChartValue(text: string): ParsedText<number | null> {
  const t = text.trim();
  if (t === '' || /^(?:-|–|—)$/.test(t)) return { ok: true, value: null };
  return parseStatValue(t.replace(/\s*%$/, ''));
}
