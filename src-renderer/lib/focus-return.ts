/**
 * Focus is never lost when a dialog closes: it goes back to whatever had it when the
 * dialog opened (the button that opened it, or the page when a key did). WAI-ARIA
 * Authoring Practices, dialog pattern.
 */

/** Svelte action for a dialog's root element: remembers the focused element on mount and restores it after the dialog is gone. */
export function returnFocus(_node: HTMLElement) {
  const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  return {
    destroy() {
      // After the dialog's nodes are removed; only when nothing else has taken focus meanwhile
      // (a dialog that opens another dialog hands focus on itself).
      setTimeout(() => {
        const current = document.activeElement;
        const lost = !current || current === document.body || !current.isConnected;
        if (lost && opener?.isConnected && !opener.closest('[inert]')) opener.focus({ preventScroll: true });
      }, 0);
    },
  };
}

/**
 * True when Enter or Space should press the focused control rather than step the slides:
 * a keyboard user tabbed to a button (its focus is visible). After a mouse click the
 * button keeps focus without showing it, and a clicker's or presenter's Space still
 * moves to the next slide as before.
 */
export function pressesFocusedControl(event: KeyboardEvent): boolean {
  if (event.key !== 'Enter' && event.key !== ' ') return false;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  const control = target.matches('button, a[href], summary, [role="button"], [role="link"], [role="menuitem"], input[type="checkbox"], input[type="radio"]');
  return control && target.matches(':focus-visible');
}
