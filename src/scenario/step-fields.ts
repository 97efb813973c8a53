/** Which fields each step kind takes, which are required, and what values they allow. */
import { COPY_TYPES, DISK_STATES, FULL_POLICIES, PRIORITIES, REPOSITORY_PERCENTS } from '../core/vocabulary.ts';
import type { StepKind } from './types.ts';

/** How one field is checked. */
export type FieldRule =
  | { kind: 'newDisk' }
  | { kind: 'disk' }
  | { kind: 'block' }
  | { kind: 'blockList' }
  | { kind: 'data' }
  | { kind: 'fill' }
  | { kind: 'bool' }
  | { kind: 'int'; min: number; max?: number }
  | { kind: 'enum'; values: readonly (string | number)[] };

interface StepShape {
  required: Record<string, FieldRule>;
  optional: Record<string, FieldRule>;
}

const disk: FieldRule = { kind: 'disk' };
const block: FieldRule = { kind: 'block' };
const priority: FieldRule = { kind: 'enum', values: PRIORITIES };
const bool: FieldRule = { kind: 'bool' };

/** The shape of every step kind. */
export const STEP_SHAPES: Record<StepKind, StepShape> = {
  createDisk: { required: { name: { kind: 'newDisk' }, blocks: { kind: 'int', min: 1 } }, optional: { fill: { kind: 'fill' } } },
  deleteDisk: { required: { name: disk }, optional: {} },
  createCopy: {
    required: { source: disk, target: disk, type: { kind: 'enum', values: COPY_TYPES } },
    optional: {
      priority,
      repositoryPercent: { kind: 'enum', values: REPOSITORY_PERCENTS },
      warningPercent: { kind: 'int', min: 1, max: 100 },
      fullPolicy: { kind: 'enum', values: FULL_POLICIES },
      targetReadOnly: bool,
    },
  },
  copy: { required: { blocks: { kind: 'int', min: 1 } }, optional: { target: disk } },
  tick: { required: { ms: { kind: 'int', min: 0 } }, optional: {} },
  run: { required: {}, optional: {} },
  write: { required: { disk, data: { kind: 'data' } }, optional: { block, blocks: { kind: 'blockList' } } },
  read: { required: { disk, block }, optional: {} },
  stop: { required: {}, optional: { target: disk } },
  recopy: { required: {}, optional: { target: disk, priority, targetReadOnly: bool } },
  removeCopy: { required: {}, optional: { target: disk } },
  setPriority: { required: { priority }, optional: { target: disk } },
  setTargetReadOnly: { required: { value: bool }, optional: { target: disk } },
  setDiskState: { required: { disk, state: { kind: 'enum', values: DISK_STATES } }, optional: {} },
  failBlock: { required: { disk, block }, optional: {} },
  repairBlock: { required: { disk, block }, optional: {} },
};

/** The step kinds, in the table's order. */
export const STEP_KINDS = Object.keys(STEP_SHAPES) as StepKind[];
