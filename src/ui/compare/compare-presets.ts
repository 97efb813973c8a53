/** The prepared workloads of the comparison screen: a whole spec each, with its name and one-line reason. */
import type { ComparisonSpec } from '../../worker/api.ts';
import { compareWords } from './compare-words.ts';

/** A prepared workload: its key (for tests and the form), words, and the spec it fills in. */
export interface Preset {
  key: 'section3' | 'behind' | 'ahead' | 'full';
  name: () => string;
  why: () => string;
  spec: ComparisonSpec;
}

const ALL_TYPES: ComparisonSpec['types'] = ['offline', 'online', 'copyBeforeWrite', 'unprotected'];
const base = (workload: ComparisonSpec['workload']): ComparisonSpec => ({
  blocks: 256, fill: { kind: 'index' }, types: [...ALL_TYPES], repositoryPercent: 20, fullPolicy: 'failSnapshot', copyRate: 64, workload,
});

/** The prepared workloads, the section-3 one (DOMAIN.md: a write behind the copier) first. */
export const PRESETS: readonly Preset[] = [
  { key: 'section3', name: () => compareWords().presetSection3, why: () => compareWords().presetSection3Why, spec: base({ pattern: 'bothSides', writes: 24, seed: 1 }) },
  { key: 'behind', name: () => compareWords().presetBehind, why: () => compareWords().presetBehindWhy, spec: base({ pattern: 'behindCopier', writes: 24, seed: 2 }) },
  { key: 'ahead', name: () => compareWords().presetAhead, why: () => compareWords().presetAheadWhy, spec: base({ pattern: 'aheadOfCopier', writes: 24, seed: 3 }) },
  {
    key: 'full', name: () => compareWords().presetFull, why: () => compareWords().presetFullWhy,
    spec: { ...base({ pattern: 'random', writes: 96, seed: 4 }), types: ['online', 'copyBeforeWrite'], fullPolicy: 'failSourceWrites' },
  },
];
