/** The scenario file, format version 1 (SCENARIOS.md), after validation. */
import type { NewCopy } from '../core/create-copy.ts';
import type { Fill } from '../core/vocabulary.ts';

/** Current format version; older versions must keep running. */
export const SCENARIO_VERSION = 1;

/** Bytes a write puts into every block it names. */
export type BlockData = { byte: number } | { text: string } | { hex: string };

/** A disk declared at the start. */
export interface DiskSpec {
  name: string;
  blocks: number;
  fill?: Fill;
}

/** One step of a session; fields as in SCENARIOS.md's table. */
export type Step =
  | { do: 'createDisk'; name: string; blocks: number; fill?: Fill }
  | { do: 'deleteDisk'; name: string }
  | ({ do: 'createCopy' } & NewCopy)
  | { do: 'copy'; target?: string; blocks: number }
  | { do: 'tick'; ms: number }
  | { do: 'run' }
  | { do: 'write'; disk: string; block?: number; blocks?: number[]; data: BlockData }
  | { do: 'read'; disk: string; block: number }
  | { do: 'stop'; target?: string }
  | { do: 'recopy'; target?: string; priority?: string; targetReadOnly?: boolean }
  | { do: 'removeCopy'; target?: string }
  | { do: 'setPriority'; target?: string; priority: string }
  | { do: 'setTargetReadOnly'; target?: string; value: boolean }
  | { do: 'setDiskState'; disk: string; state: string }
  | { do: 'failBlock'; disk: string; block: number }
  | { do: 'repairBlock'; disk: string; block: number };

/** Names of the step kinds. */
export type StepKind = Step['do'];

/** A validated scenario with defaults applied. */
export interface Scenario {
  version: number;
  name?: string;
  blockSize: number;
  copyRate: number;
  disks: DiskSpec[];
  steps: Step[];
}
