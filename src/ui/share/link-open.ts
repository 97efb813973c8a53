/**
 * Opening a shared link: read the lab from the page's `#lab=` fragment, replace the lab with it
 * (importScenario validates first, so a bad scenario changes nothing) and travel to the shared
 * step; the fragment is removed either way, so a reload does not open it again.
 */
import type { ShareApi, ShareNote } from './share-actions.ts';
import { decodeLink, linkOfHash, type Checked, type SharedLab } from './share-link.ts';
import { shareWords } from './share-text.ts';

/** The lab the page's fragment carries (or the problem with it), or null when it carries none. */
export async function sharedLabOfLocation(): Promise<Checked<SharedLab> | null> {
  const link = linkOfHash(location.hash);
  return link === null ? null : decodeLink(link);
}

/** Removes the fragment from the address without reloading or adding a history entry. */
export function forgetSharedLink(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** Replaces the lab with the shared one and shows the shared step. */
export async function openSharedLab(api: ShareApi, lab: SharedLab): Promise<ShareNote> {
  const words = shareWords();
  const imported = await api.importScenario(lab.scenario);
  if (!imported.ok) return { ok: false, text: words.linkRefused(imported.message) };
  if (lab.position !== null && lab.position < imported.value.steps) {
    // An import journals one entry per file step, so the file's step is the journal position.
    const travelled = await api.travel(lab.position);
    if (!travelled.ok) return { ok: false, text: words.travelFailed(travelled.message) };
  }
  return { ok: true, text: words.linkOpened(imported.value.steps) };
}
