/** The IndexedDB store's index of extents with records of their own (idb-extent-index.ts) against a plain list. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtentIndex, noIndexChange } from '../src/storage/idb-extent-index.ts';

const changeArb = fc.record({
  added: fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.nat({ max: 40 })), { maxLength: 6 }),
  cleared: fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.nat({ max: 40 }), fc.nat({ max: 12 })), { maxLength: 2 }),
  droppedDisks: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 }),
});

describe('ExtentIndex', () => {
  it('answers has and anyIn like a list of [disk, extent] after any sequence of committed changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.nat({ max: 40 })), { maxLength: 10 }), fc.array(changeArb, { maxLength: 6 }), (initial, changes) => {
        const index = new ExtentIndex();
        index.reset(initial);
        let model = initial.map(([d, e]) => `${d}:${e}`);
        for (const spec of changes) {
          const change = { ...noIndexChange(), added: spec.added, droppedDisks: spec.droppedDisks, cleared: spec.cleared.map(([d, first, n]): [number, number, number] => [d, first, first + n]) };
          index.apply(change);
          for (const [d, first, end] of change.cleared) model = model.filter((k) => !(k.startsWith(`${d}:`) && Number(k.split(':')[1]) >= first && Number(k.split(':')[1]) < end));
          model.push(...change.added.map(([d, e]) => `${d}:${e}`));
          model = model.filter((k) => !change.droppedDisks.includes(Number(k.split(':')[0])));
        }
        for (const d of [1, 2, 3]) {
          for (let e = 0; e <= 41; e++) expect(index.has(d, e)).toBe(model.includes(`${d}:${e}`));
          for (let first = 0; first <= 41; first += 7) {
            const expected = model.some((k) => k.startsWith(`${d}:`) && Number(k.split(':')[1]) >= first && Number(k.split(':')[1]) < first + 5);
            expect(index.anyIn(d, first, first + 5)).toBe(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
