/**
 * The words the screen uses when an edit is not on disk. A reason may arrive already
 * prefixed (the store says "Not saved: …"; Electron's IPC wraps errors in "Error invoking
 * remote method '…': Error: …"), so the prefix is taken off before it is put on once.
 */

const WRAPPERS = [/^Error invoking remote method '[^']*':\s*/i, /^(?:Error|TypeError|RangeError):\s*/, /^Not saved\s*[:：-]\s*/i];

/** The reason alone, without any "Not saved:" or error-class prefixes. */
export function bareReason(reason: string): string {
  let text = reason.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const wrapper of WRAPPERS) {
      const next = text.replace(wrapper, '');
      if (next !== text) {
        text = next.trimStart();
        changed = true;
      }
    }
  }
  return text || 'the reason is unknown';
}

/** "Not saved: <reason>" with exactly one prefix, whatever the reason already carried. */
export function notSavedText(reason: string): string {
  return `Not saved: ${bareReason(reason)}`;
}

/** "Not saved: 1 field has a problem" / "Not saved: 3 fields have a problem". */
export function fieldProblemsText(count: number): string {
  return `Not saved: ${count} ${count === 1 ? 'field has' : 'fields have'} a problem`;
}
