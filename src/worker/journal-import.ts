/** A validated scenario as journal steps, to be performed on the live lab (import). */
import type { Scenario, Step } from '../scenario/types.ts';
import type { JournalStep } from './journal-types.ts';

/** The scenario's copier rate, declared disks and steps as journal steps, in order (reads change nothing and are left out). */
export function scenarioSteps(scenario: Scenario): JournalStep[] {
  const { blockSize } = scenario;
  const disks: JournalStep[] = scenario.disks.map((d) => ({ do: 'createDisk', name: d.name, blocks: d.blocks, blockSize, fill: d.fill ?? { kind: 'zero' } }));
  return [{ do: 'copyRate', rate: scenario.copyRate }, ...disks, ...scenario.steps.flatMap((step) => journalStep(step, blockSize))];
}

function journalStep(step: Step, blockSize: number): JournalStep[] {
  switch (step.do) {
    case 'read':
      return [];
    case 'createDisk':
      return [{ do: 'createDisk', name: step.name, blocks: step.blocks, blockSize, fill: step.fill ?? { kind: 'zero' } }];
    case 'write':
      return [{ do: 'write', disk: step.disk, blocks: step.blocks ?? (step.block === undefined ? [] : [step.block]), size: blockSize, data: step.data }];
    default:
      return [step];
  }
}
