/**
 * Small helpers the field editors share: every change is one `editor.edit` of one
 * path (undoable, autosaved, other fields untouched), grouped per field for undo.
 */
import { fieldKey } from '../../src-shared/field-problems';
import { parseNumberText } from '../../src-shared/number-text';
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
 * A stat's number as typed ("1,234", "1 234", "18.5", "−3"), read as chart values are
 * (`parseNumberText`); a stat must have one, so blank is a problem.
 */
export function parseStatValue(text: string, unit?: string): ParsedText<number> {
  const parsed = parseNumberText(text, { unit });
  if (!parsed.ok) return parsed;
  return parsed.value === null ? { ok: false, message: 'expected a number' } : { ok: true, value: parsed.value };
}

/** A chart cell as typed: blank is a gap (null); "1,200" reads 1200; "12%" only when the unit is a percentage. */
export function parseChartValue(text: string, unit?: string): ParsedText<number | null> {
  return parseNumberText(text, { unit });
}
