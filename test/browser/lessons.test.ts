/**
 * The guided lessons as a learner takes them, in Chromium against the built page: open the
 * Lessons screen, start "the first write to a block", predict, do the step and read the reveal
 * (checked against the engine's own frame), move on, finish, and find the progress after a reload.
 * Once in English and once in German. Every test fails on a console error or an uncaught page error.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

/** The words a learner sees, per language. */
interface Words {
  query: string;
  screen: string;
  lesson: string;
  start: string;
  firstAsk: RegExp;
  repository: string;
  doIt: RegExp;
  firstReveal: string;
  next: string;
  oneIo: string;
  secondReveal: string;
  finish: string;
  finished: RegExp;
  progress: RegExp;
  doneMark: string;
}

const ENGLISH: Words = {
  query: '',
  screen: 'Lessons',
  lesson: 'The first write to a block',
  start: 'Start the lesson',
  firstAsk: /Where will block 20's old data go\?/,
  repository: 'Into the snapshot repository',
  doIt: /^Do it and reveal:/,
  firstReveal: 'Right! You predicted it, and the engine did “Into the snapshot repository”.',
  next: 'Next step',
  oneIo: '1 I/O, like any write',
  secondReveal: 'You predicted “1 I/O, like any write”; the engine did “3 I/Os”. Not quite',
  finish: 'Finish the lesson',
  finished: /Lesson done\./,
  progress: /All lessons \(1 of 10 done\)/,
  doneMark: 'done',
};

const GERMAN: Words = {
  query: '?lang=de',
  screen: 'Lektionen',
  lesson: 'Der erste Schreibvorgang auf einen Block',
  start: 'Lektion starten',
  firstAsk: /Wohin kommen die alten Daten von Block 20\?/,
  repository: 'In das Snapshot-Repository',
  doIt: /^Ausführen und auflösen:/,
  firstReveal: 'Richtig! Wie vorhergesagt tat das Array: „In das Snapshot-Repository“.',
  next: 'Nächster Schritt',
  oneIo: '1 I/O, wie jeder Schreibvorgang',
  secondReveal: 'Ihre Vorhersage: „1 I/O, wie jeder Schreibvorgang“; das Array tat: „3 I/Os“. Nicht ganz',
  finish: 'Lektion abschließen',
  finished: /Lektion erledigt\./,
  progress: /Alle Lektionen \(1 von 10 erledigt\)/,
  doneMark: 'erledigt',
};

/** The pair TGT as the engine reports it: is block 20 preserved, and how many I/Os have host writes cost. */
async function engineSays(page: Page): Promise<{ preserved20: boolean; ios: number; running: boolean }> {
  return page.evaluate(async () => {
    const frame = (await globalThis.storageLab!.frame(-1, -1, -1))!;
    const pair = frame.pairs.find((p) => p.target === 'TGT')!;
    return { preserved20: ((pair.preserved?.[2] ?? 0) & 0b10000) !== 0, ios: pair.counters.hostWriteIos, running: frame.driver.running };
  });
}

/** The `data-focus` name of the focused part of the lesson pane. */
async function focusedPart(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('storage-lab-app')?.shadowRoot?.querySelector('lesson-pane')?.shadowRoot?.activeElement?.getAttribute('data-focus') ?? null);
}

async function takeLesson(page: Page, url: string, w: Words): Promise<void> {
  await page.goto(`${url}${w.query}`);
  await page.getByRole('button', { name: w.screen, exact: true }).click();
  await page.getByRole('button', { name: w.lesson, exact: true }).click();
  await page.getByRole('button', { name: w.start, exact: true }).click();
  const question = page.getByRole('group', { name: w.firstAsk });
  await expect.poll(() => question.count()).toBe(1);
  expect(await page.getByRole('button', { name: w.doIt }).isDisabled()).toBe(true); // predict first
  await question.getByRole('radio', { name: w.repository }).check();
  await page.getByRole('button', { name: w.doIt }).click();
  await expect.poll(() => page.getByTestId('lesson-reveal').textContent()).toContain(w.firstReveal);
  // The button pressed is gone: focus moves to the reveal, so a keyboard learner reads on from there.
  await expect.poll(() => focusedPart(page)).toBe('reveal');
  const first = await engineSays(page);
  expect(first).toEqual({ preserved20: true, ios: 3, running: false });

  await page.getByRole('button', { name: w.next, exact: true }).click();
  await expect.poll(() => focusedPart(page)).toBe('step');
  await page.getByRole('radio', { name: w.oneIo }).check();
  await page.getByRole('button', { name: w.doIt }).click();
  await expect.poll(() => page.getByTestId('lesson-reveal').textContent()).toContain(w.secondReveal);
  expect((await engineSays(page)).ios).toBe(6);

  await page.getByRole('button', { name: w.finish, exact: true }).click();
  await expect.poll(() => page.getByText(w.finished).count()).toBe(1);
  await expect.poll(() => page.getByText(w.progress).count()).toBe(1);

  await page.reload();
  // The lessons screen reopens by itself: the learner comes back to where they were.
  await expect.poll(() => page.getByRole('button', { name: w.screen, exact: true }).getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => page.getByText(w.progress).count()).toBe(1);
  expect(await page.getByText(w.finished).count()).toBe(1);
  const open = page.getByRole('button', { name: w.lesson, exact: true });
  expect(await open.getAttribute('aria-current')).toBe('step');
  expect(await page.getByRole('listitem').filter({ has: open }).textContent()).toContain(`✓ ${w.doneMark}`);
}

describe.skipIf(chromiumMissing !== undefined)(`guided lessons ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('takes a whole lesson in English: predict, reveal what the engine did, move on, progress kept over a reload', async () => {
    await takeLesson(browser.page, url, ENGLISH);
    browser.expectNoErrors();
  });

  it('takes the same lesson in German', async () => {
    await takeLesson(browser.page, url, GERMAN);
    browser.expectNoErrors();
  });

  it('asks before a lesson removes the learner’s own disks: Cancel keeps them, confirming replaces them', async () => {
    const { page } = browser;
    await page.goto(url);
    await expect.poll(() => page.evaluate(async () => (await globalThis.storageLab!.createDisk({ name: 'MINE', blocks: 8, blockSize: 4096, fill: { kind: 'index' } })).ok)).toBe(true);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByRole('button', { name: 'What a snapshot is', exact: true }).click();
    await page.getByRole('button', { name: 'Start the lesson', exact: true }).click();
    await expect.poll(() => page.getByTestId('lesson-confirm').textContent()).toContain('Your lab holds 1 disk.');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const names = (): Promise<string[]> => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, -1))!.disks.map((d) => d.name));
    expect(await names()).toEqual(['MINE']);
    await page.getByRole('button', { name: 'Start the lesson', exact: true }).click();
    await page.getByRole('button', { name: 'Remove them and start', exact: true }).click();
    await expect.poll(names).not.toContain('MINE');
    await expect.poll(() => page.getByRole('radio', { name: /None: the snapshot/ }).count()).toBe(1);
    browser.expectNoErrors();
  });

  it('puts the lesson before the maps on a phone, and beside them on a wide screen', async () => {
    const { page } = browser;
    const top = (selector: string): Promise<number> => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    for (const [width, lessonFirst] of [[390, true], [1440, false]] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await expect.poll(() => page.locator('lesson-pane').count()).toBe(1);
      const [pane, maps] = [await top('lesson-pane'), await top('.column.watch')];
      if (lessonFirst) expect(pane).toBeLessThan(maps);
      else expect(Math.abs(pane - maps)).toBeLessThan(120); // side by side: both start at the top of the layout
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    browser.expectNoErrors();
  });

  it('keeps the sandbox one click away: the free lab shows the lesson’s disks and copy', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByRole('button', { name: 'What a snapshot is', exact: true }).click();
    await page.getByRole('button', { name: 'Start the lesson', exact: true }).click();
    await page.getByRole('radio', { name: /None: the snapshot/ }).check();
    await page.getByRole('button', { name: /^Do it and reveal:/ }).click();
    await expect.poll(() => page.getByTestId('lesson-reveal').textContent()).toContain('Right!');
    await page.getByRole('button', { name: 'Open the free lab', exact: true }).click();
    expect(await page.locator('lesson-pane').count()).toBe(0);
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy in progress, 0 of 64 blocks copied/);
    browser.expectNoErrors();
  });
});
