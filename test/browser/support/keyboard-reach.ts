/**
 * Keyboard reachability: which visible, enabled controls of the page (shadow roots included) the
 * Tab key never reaches. A radio group counts as reached when any of its radios is, as arrow keys
 * move within it.
 */
import type { Page } from 'playwright-core';

const MARK = 'data-reach-id';

/** Marks every visible, enabled control with an id, and returns the ids, radios grouped as `radio:<group>`. */
async function markControls(page: Page): Promise<string[]> {
  return page.evaluate((mark) => {
    const selector = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const ids: string[] = [];
    const roots: Array<Document | ShadowRoot> = [document];
    let next = 0;
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
      for (const control of root.querySelectorAll<HTMLElement>(selector)) {
        if (!control.checkVisibility({ visibilityProperty: true }) || control.matches(':disabled, [tabindex="-1"]') || control.closest('[inert]')) continue; // tabindex -1: left out of the Tab order on purpose
        const host = (control.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? 'document';
        const label = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
        const radio = control instanceof HTMLInputElement && control.type === 'radio' ? `radio:${host}/${control.name}` : null;
        const id = radio ?? `${host} ${control.tagName.toLowerCase()} "${label}" #${next++}`;
        control.setAttribute(mark, id);
        if (!ids.includes(id)) ids.push(id);
      }
    }
    return ids;
  }, MARK);
}

/** The mark of the deepest focused element, or '' when focus is on no marked control. */
async function focusedMark(page: Page): Promise<string> {
  return page.evaluate((mark) => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.getAttribute(mark) ?? '';
  }, MARK);
}

/** Tabs from the top of the page through all of it and returns the marked controls Tab never focused. */
export async function unreachedByTab(page: Page): Promise<string[]> {
  const ids = await markControls(page);
  const reached = new Set<string>();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let press = 0; press < ids.length * 2 + 20 && reached.size < ids.length; press++) {
    await page.keyboard.press('Tab');
    const mark = await focusedMark(page);
    if (mark) reached.add(mark);
  }
  return ids.filter((id) => !reached.has(id));
}
