/** The newest host write measurements, for the latency chart. */
import type { WriteSample } from './api.ts';

const KEEP = 2000;

/** A ring of the newest write samples with ascending sequence numbers. */
export class WriteSamples {
  private readonly samples: WriteSample[] = [];
  private nextSeq = 0;
  private readonly origin = performance.now();

  /** Records one write; `atMs` is taken now. */
  add(sample: Omit<WriteSample, 'seq' | 'atMs'>): WriteSample {
    const full = { ...sample, seq: this.nextSeq++, atMs: performance.now() - this.origin };
    this.samples.push(full);
    if (this.samples.length > KEEP) this.samples.splice(0, this.samples.length - KEEP);
    return full;
  }

  /** Samples with seq greater than `seq`, oldest first. */
  since(seq: number): WriteSample[] {
    return this.samples.filter((sample) => sample.seq > seq);
  }
}
