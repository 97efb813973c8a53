/**
 * The commits behind the version 1 fixture (v1-store.fixture.ts): a store written before the
 * OPFS store kept per-block checksums. The first two were checkpointed; the last two are only in
 * its journal (the worker died after applying them), so opening it replays old-format entries.
 */
import type { StoreCommit } from '../../../src/core/ports.ts';
import { disk, event, pattern } from '../../storage.model.ts';

/** Committed, then the store was closed (checkpointed). */
export const V1_CHECKPOINTED: StoreCommit[] = [
  {
    putDisks: [disk(1, 24, 64, { kind: 'index' }), disk(2, 8, 64, { kind: 'byte', value: 3 })],
    ops: [0, 5, 6, 13, 23].map((block) => ({ kind: 'write' as const, disk: 1, block, data: pattern(64, block + 1) })),
    putRecords: [['r/1', 1], ['keep', 'x']],
    events: [event(0)],
  },
  { ops: [{ kind: 'copy', from: 1, fromBlock: 4, to: 2, toBlock: 1, count: 6 }], events: [event(1)] },
];

/** Committed after reopening; in the journal only: one rewrites written extents, one writes fresh ones. */
export const V1_JOURNALED: StoreCommit[] = [
  { ops: [{ kind: 'write', disk: 1, block: 6, data: pattern(64, 70) }, { kind: 'copy', from: 1, fromBlock: 12, to: 2, toBlock: 0, count: 2 }], events: [event(2)] },
  { ops: [{ kind: 'copy', from: 1, fromBlock: 0, to: 1, toBlock: 16, count: 7 }], putRecords: [['r/2', true]], events: [event(3)] },
];
