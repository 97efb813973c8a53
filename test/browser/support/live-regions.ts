/**
 * Records what the page's live regions would announce: every change of the text of an element with
 * role status, alert or log, or with aria-live other than off, in the document and in open shadow
 * roots, as a screen reader would hear it.
 */
import type { Page } from 'playwright-core';

/** One announcement: which region (host tag and role) changed, when, and its new text. */
export interface Announcement {
  readonly region: string;
  readonly atMs: number;
  readonly text: string;
}

declare global {
  // Filled in the page by watchLiveRegions; read back by announcements().
  var liveAnnouncements: Announcement[] | undefined;
}

/** Starts recording the live regions present now (call it once the screen is rendered). Returns how many it watches. */
export async function watchLiveRegions(page: Page): Promise<number> {
  return page.evaluate(() => {
    const heard: Announcement[] = [];
    globalThis.liveAnnouncements = heard;
    const selector = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';
    const roots: Array<Document | ShadowRoot> = [document];
    let watched = 0;
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const region of root.querySelectorAll(selector)) {
        const host = (region.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? 'document';
        const name = `${host} ${region.getAttribute('role') ?? 'live'}#${watched++}`;
        let last = region.textContent?.trim() ?? '';
        new MutationObserver(() => {
          const text = region.textContent?.trim() ?? '';
          if (text !== last && text !== '') heard.push({ region: name, atMs: performance.now(), text });
          last = text;
        }).observe(region, { subtree: true, childList: true, characterData: true });
      }
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return watched;
  });
}

/** Everything announced since watchLiveRegions. */
export async function announcements(page: Page): Promise<Announcement[]> {
  return page.evaluate(() => globalThis.liveAnnouncements ?? []);
}

/** The most announcements any one region made within any window of `windowMs`. */
export function busiestWindow(heard: readonly Announcement[], windowMs: number): { region: string; count: number } {
  let worst = { region: '', count: 0 };
  for (const a of heard) {
    const count = heard.filter((b) => b.region === a.region && b.atMs >= a.atMs && b.atMs < a.atMs + windowMs).length;
    if (count > worst.count) worst = { region: a.region, count };
  }
  return worst;
}
