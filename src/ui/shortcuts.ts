/** Keyboard shortcuts of the page (listed in the help sheet); off while typing in a field. */

/** What a shortcut does. */
export type Shortcut = 'play-pause' | 'step' | 'faster' | 'slower' | 'help';

/** The shortcut a key press stands for, or null (also null while a form field or a map has focus). */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const path = event.composedPath();
  const inField = path.some((node) => node instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA|BUTTON|BLOCK-MAP|DIALOG)$/.test(node.tagName));
  if (event.key === '?') return 'help';
  if (inField) return null;
  switch (event.key) {
    case ' ':
      return 'play-pause';
    case 's':
    case 'S':
    case 'ArrowRight':
      return 'step';
    case '+':
    case '=':
      return 'faster';
    case '-':
      return 'slower';
    default:
      return null;
  }
}
