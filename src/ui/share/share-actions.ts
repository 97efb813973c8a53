/**
 * What the share panel does, without the element: build a link, export and import scenario files,
 * the CSV of the log and the PNG of the maps. Each returns a sentence for the learner (and whether
 * it worked); nothing here throws on a refusal.
 */
import type { FramePair, HistoryApi, LabEvent } from '../../worker/api.ts';
import { eventSentence } from '../event-sentences.ts';
import { copyTypeWord, num, statusWord } from '../i18n/terms.ts';
import { datedName, MAX_SCENARIO_FILE_BYTES, saveFile } from './download.ts';
import { eventsCsv } from './event-csv.ts';
import { encodeLink } from './share-link.ts';
import { shareWords } from './share-text.ts';
import { drawPicture, piecesOf, pngOf } from './view-png.ts';

/** The calls of the lab API the share feature uses. */
export type ShareApi = Pick<HistoryApi, 'exportScenario' | 'importScenario' | 'checkScenario' | 'travel'>;

/** A sentence for the learner and whether the action worked. */
export interface ShareNote {
  ok: boolean;
  text: string;
}

/**
 * The full URL of a link to the lab as it is, or a note saying why not. It carries the whole session
 * and, while travelling, the step looked at, so the receiver sees that step and can go on from it.
 */
export async function buildLink(api: ShareApi, position: number | null): Promise<{ url: string } | ShareNote> {
  const words = shareWords();
  const exported = await api.exportScenario({ contents: false });
  if (!exported.ok) return { ok: false, text: words.linkFailed(exported.message) };
  const step = position === null ? { ok: true as const, value: null } : await fileStepOf(api, position);
  if (!step.ok) return { ok: false, text: words.linkFailed(step.message) };
  const link = await encodeLink({ scenario: exported.value, position: step.value });
  if (!link.ok) return { ok: false, text: words.linkFailed(link.message) };
  return { url: `${location.origin}${location.pathname}${location.search}${link.value}` };
}

/**
 * The journal position `position` as a step of the exported file: export may merge or leave out
 * steps (contents left out, a first tick added), and each step of the file is one step once imported.
 */
async function fileStepOf(api: ShareApi, position: number): Promise<{ ok: true; value: number } | { ok: false; message: string }> {
  const upTo = await api.exportScenario({ contents: false, upTo: position });
  if (!upTo.ok) return upTo;
  const steps: unknown = (JSON.parse(upTo.value) as { steps?: unknown }).steps;
  return Array.isArray(steps) ? { ok: true, value: steps.length } : { ok: false, message: 'the exported scenario has no steps' };
}

/** Downloads the session as a scenario file (with the disks' loaded contents when asked). */
export async function downloadScenario(api: ShareApi, contents: boolean): Promise<ShareNote> {
  const exported = await api.exportScenario({ contents });
  if (!exported.ok) return { ok: false, text: shareWords().exportFailed(exported.message) };
  const name = datedName('scenario', 'json');
  saveFile(new Blob([exported.value], { type: 'application/json' }), name);
  return { ok: true, text: shareWords().scenarioSaved(name) };
}

/** Reads a chosen file as text only and hands it to importScenario, which validates it before replacing anything. */
export async function openScenarioFile(api: ShareApi, file: File): Promise<ShareNote> {
  const words = shareWords();
  if (file.size > MAX_SCENARIO_FILE_BYTES) return { ok: false, text: words.fileFailed(words.fileTooLarge(MAX_SCENARIO_FILE_BYTES / 2 ** 20)) };
  const text = await file.text();
  const imported = await api.importScenario(text);
  if (!imported.ok) return { ok: false, text: words.fileFailed(imported.message) };
  return { ok: true, text: words.fileOpened(file.name, imported.value.steps) };
}

/** Downloads the events (oldest first) as CSV, with a byte order mark so spreadsheets read UTF-8. */
export function downloadCsv(events: readonly LabEvent[]): ShareNote {
  const csv = eventsCsv(events, eventSentence);
  saveFile(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), datedName('events', 'csv'));
  return { ok: true, text: shareWords().csvSaved(events.length) };
}

/** Downloads a picture of the maps in `maps` (a <disk-maps>) with the legend and the pair's counters. */
export async function downloadPng(maps: Element | null, pair: FramePair | null): Promise<ShareNote> {
  const words = shareWords();
  const pieces = maps ? piecesOf(maps) : { maps: [], legend: [] };
  const canvas = drawPicture({ ...pieces, heading: headingOf(pair), lines: counterLines(pair) });
  const blob = canvas && (await pngOf(canvas));
  if (!canvas || !blob) return { ok: false, text: words.pngFailed };
  saveFile(blob, datedName('view', 'png'));
  return { ok: true, text: words.pngSaved(canvas.width, canvas.height) };
}

function headingOf(pair: FramePair | null): string {
  if (!pair) return `Storage Lab · ${shareWords().noCopy}`;
  return `Storage Lab · ${pair.source} → ${pair.target}: ${copyTypeWord(pair.type)}, ${statusWord(pair.status)}`;
}

/** The key counters of the pair as lines of text. */
function counterLines(pair: FramePair | null): string[] {
  if (!pair) return [];
  const words = shareWords();
  const { counters, repository, progress } = pair;
  const lines = [words.progress(num(progress.copied), num(progress.total)), words.copyOnWrites(num(counters.copyOnWrites))];
  if (repository) lines.push(words.repository(num(repository.used), num(repository.capacity)));
  lines.push(words.hostWrites(num(counters.hostWrites), num(counters.hostWriteIos), num(counters.rejectedWrites)));
  return lines;
}
