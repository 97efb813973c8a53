/**
 * The shape of a guided lesson: a prepared lab, then steps that each ask the learner to predict
 * what the engine will do, perform the action that answers it, and read the answer back from what
 * the engine actually did (never a stored answer). Texts are keys into the lesson's message table.
 */
import type { Frame, FramePair, LabApi, LabEvent, Outcome, WriteSample } from '../../worker/api.ts';
import type { MessageTable } from '../i18n/messages.ts';

/** The part of the lab's API a lesson uses (the page's comlink proxy and a LabService both fit). */
export type LessonLab = Pick<
  LabApi,
  'resetLab' | 'createDisk' | 'createCopy' | 'write' | 'copy' | 'run' | 'stop' | 'recopy' | 'removeCopy' | 'verify' | 'setDriver' | 'setWorkload' | 'frame' | 'readRaw'
>;

/** What the engine did during one step's action, as the lab reports it. */
export interface Observation {
  before: Frame;
  after: Frame;
  /** Events logged during the action, oldest first. */
  events: LabEvent[];
  /** Host writes measured during the action, oldest first. */
  writes: WriteSample[];
  /** Outcomes of the action's calls, in order. */
  outcomes: Outcome<unknown>[];
  /** Raw bytes of the blocks the step inspects after its action, keyed `DISK:block`. */
  blocks: ReadonlyMap<string, Uint8Array>;
}

/** A predict-then-reveal question: the choices, the one the explanation calls right, and how to read the engine's answer. */
export interface QuestionSpec<K extends string> {
  prompt: K;
  choices: ReadonlyArray<readonly [id: string, label: K]>;
  /** The choice the step's explanation says is right; a test checks the engine agrees. */
  answer: string;
  /** The choice that matches what the engine did. */
  observe(observation: Observation): string;
}

/** One step of a lesson. */
export interface StepSpec<K extends string> {
  text: K;
  question?: QuestionSpec<K>;
  /** The button's label and the calls it makes. */
  action: { label: K; run(lab: LessonLab): Promise<Outcome<unknown>[]> };
  /** Blocks read raw after the action, for questions about contents. */
  inspect?: ReadonlyArray<readonly [disk: string, block: number]>;
  /** Why the engine did what it did (read after the reveal). */
  explain: K;
}

/** A lesson: its title, its introduction, the prepared lab and its steps. */
export interface LessonSpec<K extends string> {
  id: string;
  title: K;
  intro: K;
  /** Builds the lab after a reset, with the driver paused; returns the calls' outcomes. */
  setup(lab: LessonLab): Promise<Outcome<unknown>[]>;
  steps: ReadonlyArray<StepSpec<K>>;
}

/** A lesson with its texts resolved in the current language by `say`. */
export interface Lesson extends LessonSpec<string> {
  say(key: string): string;
}

/** Binds a lesson to its message table (the compiler checks each key exists in both languages). */
export function defineLesson<T extends MessageTable>(table: () => T, spec: LessonSpec<keyof T & string>): Lesson {
  return {
    ...spec,
    say: (key) => {
      const message = table()[key];
      return typeof message === 'string' ? message : key;
    },
  };
}

/** Lesson disks: small, numbered contents, so each block is easy to follow. */
export const BLOCKS = 64;
export const BLOCK_SIZE = 4096;

/** One block of bytes all equal to `value`, for a host write. */
export function filled(value: number): Uint8Array {
  return new Uint8Array(BLOCK_SIZE).fill(value);
}

/** Creates disks of BLOCKS blocks: the first holds numbered blocks, the others are empty. */
export async function createDisks(lab: LessonLab, source: string, ...targets: string[]): Promise<Outcome<unknown>[]> {
  const outcomes: Outcome<unknown>[] = [await lab.createDisk({ name: source, blocks: BLOCKS, blockSize: BLOCK_SIZE, fill: { kind: 'index' } })];
  for (const name of targets) outcomes.push(await lab.createDisk({ name, blocks: BLOCKS, blockSize: BLOCK_SIZE, fill: { kind: 'zero' } }));
  return outcomes;
}

/** Runs calls one after another and collects their outcomes (each call waits for the last). */
export async function inOrder(...calls: ReadonlyArray<() => Promise<Outcome<unknown>>>): Promise<Outcome<unknown>[]> {
  const outcomes: Outcome<unknown>[] = [];
  for (const call of calls) outcomes.push(await call());
  return outcomes;
}

/** The pair whose target is `target` in a frame, or undefined. */
export function pairOf(frame: Frame, target: string): FramePair | undefined {
  return frame.pairs.find((pair) => pair.target === target);
}

/** True when bit `block` of a frame bitmap is set. */
export function bit(bitmap: Uint8Array | null | undefined, block: number): boolean {
  return !!bitmap && ((bitmap[block >> 3] ?? 0) & (1 << (block & 7))) !== 0;
}

/** I/Os spent by the host writes of an observation. */
export function writeIos(observation: Observation): number {
  return observation.writes.reduce((sum, write) => sum + write.ios, 0);
}

/** True when every byte of an inspected block equals `value`. */
export function blockIs(observation: Observation, disk: string, block: number, value: number): boolean {
  const bytes = observation.blocks.get(`${disk}:${block}`);
  return !!bytes && bytes.length > 0 && bytes.every((byte) => byte === value);
}

/** Where the old data of `block` went after a write, read from the pair's bitmaps. */
export function oldDataWent(o: Observation, target: string, block: number): 'repository' | 'target' | 'nowhere' {
  const pair = pairOf(o.after, target);
  if (bit(pair?.preserved, block)) return 'repository';
  if (bit(pair?.copied, block) && !bit(pairOf(o.before, target)?.copied, block)) return 'target';
  return 'nowhere';
}

/** The choice ('one', 'two', 'three') matching the I/Os the writes of a step cost. */
export function iosChoice(o: Observation): string {
  const ios = writeIos(o);
  return ios <= 1 ? 'one' : ios === 2 ? 'two' : 'three';
}
