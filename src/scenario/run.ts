/** Runs a validated scenario on an engine, step by step, and builds its report. */
import type { Engine } from '../core/engine.ts';
import { done, type Outcome } from '../core/outcome.ts';
import type { LabEvent } from '../core/ports.ts';
import { copyReport, diskReports, sha256Hex, stepReport, type Report, type StepReport } from './report.ts';
import type { Scenario, Step } from './types.ts';
import { dataBytes } from './validate-values.ts';

/** Opens a fresh, empty engine with the scenario's copier rate. */
export type EngineFactory = (options: { copyRate: number }) => Promise<Engine>;

/** Runs every step; refused steps are outcomes in the report, not failures. */
export async function runScenario(scenario: Scenario, openEngine: EngineFactory): Promise<Report> {
  const engine = await openEngine({ copyRate: scenario.copyRate });
  const events: LabEvent[] = [];
  engine.onEvents((batch) => events.push(...batch));
  for (const disk of scenario.disks) {
    const created = await engine.createDisk({ name: disk.name, blocks: disk.blocks, blockSize: scenario.blockSize, fill: disk.fill ?? { kind: 'zero' } });
    if (!created.ok) throw new Error(`internal: declared disk ${disk.name} was refused: ${created.message}`);
  }
  const steps: StepReport[] = [];
  for (const [index, step] of scenario.steps.entries()) steps.push(await runStep(engine, scenario, step, index));
  return {
    version: 1,
    steps,
    disks: await diskReports(engine),
    copies: engine.pairs().map(copyReport),
    events,
  };
}

async function runStep(engine: Engine, scenario: Scenario, step: Step, index: number): Promise<StepReport> {
  if (step.do === 'read') {
    const read = await engine.read(step.disk, step.block);
    return stepReport(index, step.do, read, read.ok ? await sha256Hex(read.value.slice()) : undefined);
  }
  return stepReport(index, step.do, await perform(engine, scenario, step));
}

function perform(engine: Engine, scenario: Scenario, step: Exclude<Step, { do: 'read' }>): Promise<Outcome<unknown>> {
  switch (step.do) {
    case 'createDisk':
      return engine.createDisk({ name: step.name, blocks: step.blocks, blockSize: scenario.blockSize, fill: step.fill ?? { kind: 'zero' } });
    case 'deleteDisk':
      return engine.deleteDisk(step.name);
    case 'createCopy': {
      const { do: _kind, ...spec } = step;
      void _kind;
      return engine.createCopy(spec);
    }
    case 'copy':
      return engine.copy(step.target, step.blocks);
    case 'tick':
      return engine.tick(step.ms);
    case 'run':
      return engine.run();
    case 'write': {
      const blocks = step.blocks ?? (step.block === undefined ? [] : [step.block]);
      return engine.write({ disk: step.disk, blocks, data: dataBytes(step.data, scenario.blockSize) });
    }
    case 'stop':
      return engine.stop(step.target);
    case 'recopy':
      return engine.recopy(step.target, recopyOptions(step));
    case 'removeCopy':
      return engine.removeCopy(step.target);
    case 'setPriority':
      return engine.setPriority(step.target, step.priority);
    case 'setTargetReadOnly':
      return engine.setTargetReadOnly(step.target, step.value);
    case 'setDiskState':
      return engine.setDiskState(step.disk, step.state);
    case 'failBlock':
      return engine.failBlock(step.disk, step.block);
    case 'repairBlock':
      return engine.repairBlock(step.disk, step.block);
  }
  return Promise.resolve(done);
}

/** The options of a recopy step, without the fields it leaves out. */
export function recopyOptions(step: Pick<Extract<Step, { do: 'recopy' }>, 'priority' | 'targetReadOnly'>): { priority?: string; targetReadOnly?: boolean } {
  return {
    ...(step.priority === undefined ? {} : { priority: step.priority }),
    ...(step.targetReadOnly === undefined ? {} : { targetReadOnly: step.targetReadOnly }),
  };
}
