/**
 * Fields whose typed text cannot be stored yet ("12x" as a value, "1:75" as a
 * duration). The deck keeps its last good value meanwhile, so the save status must
 * say that something on screen is not on disk: it counts these.
 */
import { getContext, setContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';

const KEY = Symbol('field-drafts');

export class FieldDrafts {
  private readonly bad = new SvelteSet<string>();
  /** How many fields hold text that is not stored. */
  get count(): number {
    return this.bad.size;
  }
  /** Marks field `id` as holding unstorable text (or clears it). */
  mark(id: string, unstorable: boolean): void {
    if (unstorable) this.bad.add(id);
    else this.bad.delete(id);
  }
}

/** Called by the panel that shows the save status: its field editors report here. */
export function provideFieldDrafts(): FieldDrafts {
  return setContext(KEY, new FieldDrafts());
}

/** A field editor's panel's drafts, if it has one (a dialog may not). */
export function fieldDrafts(): FieldDrafts | undefined {
  return getContext<FieldDrafts | undefined>(KEY);
}
