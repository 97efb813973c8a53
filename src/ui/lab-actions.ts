/**
 * What the page's controls ask of the lab, turned into API calls. Every call goes through the
 * controller so that its outcome (a refusal in the learner's words) lands next to its control.
 */
import type { DriverState, FramePair, Outcome } from '../worker/api.ts';
import type { Priority } from '../core/vocabulary.ts';
import type { LabController } from './lab-controller.ts';
import type { MapView } from './block-states.ts';
import type { CreateDiskDetail, FirstExperimentDetail } from './setup-panel.ts';

/** Bytes a click writes: one block of the brush colour (RGBA), so a picture shows the stroke. */
export function brushBlock(blockSize: number, rgb: readonly [number, number, number]): Uint8Array {
  const bytes = new Uint8Array(blockSize);
  for (let i = 0; i < blockSize; i += 4) bytes.set([rgb[0], rgb[1], rgb[2], 255], i);
  return bytes;
}

/** A text as one block of UTF-8, zero-padded; null when it does not fit. */
export function textBlock(text: string, blockSize: number): Uint8Array | null {
  const encoded = new TextEncoder().encode(text);
  if (encoded.length > blockSize) return null;
  const bytes = new Uint8Array(blockSize);
  bytes.set(encoded);
  return bytes;
}

/** The lab's actions for the page. */
export class LabActions {
  constructor(private readonly lab: LabController) {}

  /** Creates a disk and loads its content (a picture or a text) in one more commit. */
  async createDisk(detail: CreateDiskDetail, action = 'create-disk'): Promise<Outcome<unknown>> {
    const { content, ...spec } = detail;
    const created = await this.lab.act(action, () => this.lab.api.createDisk(spec));
    if (!created.ok || !content) return created;
    const bytes = content.kind === 'picture' ? content.bytes : textBlock(content.text, spec.blockSize);
    if (!bytes) return created;
    return this.lab.act(action, () => this.lab.api.loadContent(spec.name, bytes));
  }

  /** Source, target and an online copy, with the copier slow enough to write during it. */
  async firstExperiment(detail: FirstExperimentDetail): Promise<void> {
    for (const disk of [detail.source, detail.target]) {
      if (!(await this.createDisk(disk, 'first-experiment')).ok) return;
    }
    await this.lab.api.setDriver({ running: true, fullSpeed: false, speed: 1, copyRate: 20 });
    await this.lab.act('first-experiment', () => this.lab.api.createCopy(detail.copy));
  }

  write(disk: string, blocks: number[], data: Uint8Array): Promise<Outcome<unknown>> {
    return this.lab.act('write', async () => {
      const result = await this.lab.api.write(disk, blocks, data);
      if (result.ok) for (const block of blocks) this.lab.refused.get(disk)?.delete(block);
      return result;
    });
  }

  driver(change: Partial<DriverState>): Promise<Outcome<unknown>> {
    return this.lab.act('driver-change', () => this.lab.api.setDriver(change));
  }

  step(target: string, blocks: number): Promise<Outcome<unknown>> {
    return this.lab.act('step', () => this.lab.api.copy(target, blocks));
  }

  setPriority(target: string, priority: Priority): Promise<Outcome<unknown>> {
    return this.lab.act('set-priority', () => this.lab.api.setPriority(target, priority));
  }

  stop(target: string): Promise<Outcome<unknown>> {
    return this.lab.act('stop', () => this.lab.api.stop(target));
  }

  recopy(target: string): Promise<Outcome<unknown>> {
    return this.lab.act('recopy', () => this.lab.api.recopy(target));
  }

  removeCopy(target: string): Promise<Outcome<unknown>> {
    return this.lab.act('remove-copy', () => this.lab.api.removeCopy(target));
  }

  setTargetReadOnly(target: string, value: boolean): Promise<Outcome<unknown>> {
    return this.lab.act('set-target-read-only', () => this.lab.api.setTargetReadOnly(target, value));
  }

  /** Bytes of every block a map shows, for content mode. */
  async content(view: MapView, name: string, blocks: number, pair: FramePair | null): Promise<Uint8Array | null> {
    const read = view === 'snapshot' ? await this.lab.api.readCopySourceRange(pair?.target, 0, blocks) : await this.lab.api.readRaw(name, 0, blocks);
    return read.ok ? read.value : null;
  }
}
