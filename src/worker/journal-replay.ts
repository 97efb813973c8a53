/** Performing journaled steps again: on a replay engine (time travel) or on the live lab (import, branches). */
import type { Engine } from '../core/engine.ts';
import type { Outcome } from '../core/outcome.ts';
import type { LabApi } from './api.ts';
import type { JournalStep } from './journal-types.ts';
import { journalBytes } from './journal-data.ts';
import { recopyOptions } from '../scenario/run.ts';

/** What performing a step needs: the lab's actions (the engine's, or the lab service's with its fingerprints). */
export type StepTarget = Pick<LabApi,
  'createDisk' | 'deleteDisk' | 'loadContent' | 'setDiskState' | 'failBlock' | 'repairBlock' | 'createCopy' | 'stop' | 'recopy'
  | 'removeCopy' | 'setPriority' | 'setTargetReadOnly' | 'copy' | 'tick' | 'run'> & {
  /** A host write; the engine's and the service's answers differ only in what they add to the outcome. */
  write(disk: string, blocks: number[], data: Uint8Array): Promise<Outcome<unknown>>;
  setCopyRate(rate: number): Promise<Outcome<unknown>>;
};

/** An engine as a step target (a replay: no fingerprints, no journal). */
export function engineTarget(engine: Engine): StepTarget {
  return {
    createDisk: (spec) => engine.createDisk(spec),
    deleteDisk: (name) => engine.deleteDisk(name),
    loadContent: (name, bytes) => engine.loadContent(name, bytes),
    setDiskState: (name, state) => engine.setDiskState(name, state),
    failBlock: (name, block) => engine.failBlock(name, block),
    repairBlock: (name, block) => engine.repairBlock(name, block),
    createCopy: (spec) => engine.createCopy(spec),
    stop: (target) => engine.stop(target),
    recopy: (target, options) => engine.recopy(target, options),
    removeCopy: (target) => engine.removeCopy(target),
    setPriority: (target, priority) => engine.setPriority(target, priority),
    setTargetReadOnly: (target, value) => engine.setTargetReadOnly(target, value),
    write: (disk, blocks, data) => engine.write({ disk, blocks, data }),
    copy: (target, blocks) => engine.copy(target, blocks),
    tick: (ms) => engine.tick(ms),
    run: () => engine.run(),
    setCopyRate: (rate) => Promise.resolve(engine.setCopyRate(rate)),
  };
}

/** Performs one journaled step; `bytesOf` gives the contents a loadContent step loaded. */
export function performStep(lab: StepTarget, step: JournalStep, bytesOf: (key: string) => Uint8Array | undefined): Promise<Outcome<unknown>> {
  switch (step.do) {
    case 'createDisk':
      return lab.createDisk({ name: step.name, blocks: step.blocks, blockSize: step.blockSize, fill: step.fill });
    case 'deleteDisk':
      return lab.deleteDisk(step.name);
    case 'loadContent': {
      const bytes = bytesOf(step.key);
      if (!bytes) throw new Error(`the journal's contents ${step.key} are missing`);
      return lab.loadContent(step.disk, bytes);
    }
    case 'copyRate':
      return lab.setCopyRate(step.rate);
    case 'createCopy': {
      const { do: _kind, ...spec } = step;
      void _kind;
      return lab.createCopy(spec);
    }
    case 'write':
      return lab.write(step.disk, step.blocks, journalBytes(step.data, step.size));
    case 'copy':
      return lab.copy(step.target, step.blocks);
    case 'tick':
      return lab.tick(step.ms);
    case 'run':
      return lab.run();
    case 'stop':
      return lab.stop(step.target);
    case 'recopy':
      return lab.recopy(step.target, recopyOptions(step));
    case 'removeCopy':
      return lab.removeCopy(step.target);
    case 'setPriority':
      return lab.setPriority(step.target, step.priority);
    case 'setTargetReadOnly':
      return lab.setTargetReadOnly(step.target, step.value);
    case 'setDiskState':
      return lab.setDiskState(step.disk, step.state);
    case 'failBlock':
      return lab.failBlock(step.disk, step.block);
    case 'repairBlock':
      return lab.repairBlock(step.disk, step.block);
  }
}

/** A short label of a step for the timeline, e.g. `write SRC 5` or `tick 1000 ms`: its kind and its detail. */
export function stepLabel(step: JournalStep): string {
  return `${step.do} ${stepDetail(step)}`.trim();
}

/** What a step acted on, without its kind, e.g. `SRC 5` for a write or `1000 ms` for a tick. */
export function stepDetail(step: JournalStep): string {
  const target = 'target' in step && step.target !== undefined ? step.target : '';
  switch (step.do) {
    case 'createDisk': return `${step.name} (${step.blocks} × ${step.blockSize} B)`;
    case 'deleteDisk': return step.name;
    case 'loadContent': return step.disk;
    case 'copyRate': return String(step.rate);
    case 'createCopy': return `${step.source} → ${step.target} (${step.type})`;
    case 'write': return `${step.disk} ${step.blocks.length > 3 ? `${step.blocks.slice(0, 3).join(', ')}…` : step.blocks.join(', ')}`;
    case 'copy': return `${target} ${step.blocks}`.trim();
    case 'tick': return `${step.ms} ms`;
    case 'run': return '';
    case 'setPriority': return `${target} ${step.priority}`.trim();
    case 'setTargetReadOnly': return `${target} ${step.value}`.trim();
    case 'setDiskState': return `${step.disk} ${step.state}`;
    case 'failBlock': case 'repairBlock': return `${step.disk} ${step.block}`;
    case 'stop': case 'recopy': case 'removeCopy': return target;
  }
}
