/**
 * The session journal: every action the live engine committed, as scenario-like steps, kept
 * beside the array in chunks that travel in the SAME commit as the action (CommitHook), so that
 * after a reload or a crash the journal never disagrees with the stored state. Consecutive driver
 * ticks (or copies of one pair) merge into one entry where that is provably the same state.
 */
import type { AttachmentChange, CommitHook, Engine } from '../core/engine.ts';
import type { Outcome } from '../core/outcome.ts';
import type { LabEvent } from '../core/ports.ts';
import type { JournalBase, JournalEntry, JournalStep } from './journal-types.ts';

/** Entries per stored record: each commit rewrites only the entry it adds or merges (a host write of noise keeps its 4 KiB raw; measured: 4 entries per record made plain writes 1.9x a raw put, 1 entry and raw bytes 1.4x). */
export const CHUNK = 1;
const BASE_KEY = 'journal/base';
const BRANCHES_KEY = 'journal/branches';
const chunkKey = (chunk: number): string => `journal/e/${String(chunk).padStart(8, '0')}`;

/** A kept future: a whole journal of its own, and where it parted from the one it was kept from. */
export interface StoredBranch {
  id: number;
  name: string;
  fromStep: number;
  base: JournalBase;
  entries: JournalEntry[];
}

/**
 * The earlier entry and the new one as one, or null. A tick (or copy) that emitted no event left
 * the same pairs In Progress with only their credit and copied blocks advanced, so tick(a) then
 * tick(b) is tick(a + b) (credit is additive and copying is in ascending order); likewise copy.
 */
function merged(last: JournalEntry | undefined, step: JournalStep, ok: boolean): JournalStep | null {
  if (!last || !last.ok || !ok || last.events) return null;
  if (last.step.do === 'tick' && step.do === 'tick') return { do: 'tick', ms: last.step.ms + step.ms };
  if (last.step.do === 'copy' && step.do === 'copy' && last.step.target === step.target) {
    return { do: 'copy', ...(step.target === undefined ? {} : { target: step.target }), blocks: last.step.blocks + step.blocks };
  }
  return null;
}

/** The journal of the live engine. */
export class Journal {
  entries: JournalEntry[] = [];
  branches: StoredBranch[] = [];
  /** Null when the lab's history is not recorded (opened with disks but no journal). */
  base: JournalBase | null = null;
  /** The copier rate after the last entry. */
  rate = 100;
  private baseStored = false;
  /** False while the lab is rebuilt from steps (import, branches): one step, one entry, as in the file. */
  merging = true;
  private nextBytes = 0;
  /** Called after an entry was appended or merged (index of the entry), or with -1 for a new journal. */
  onChange: (index: number) => void = () => undefined;

  constructor(private readonly engine: Engine) {
    this.load();
  }

  private load(): void {
    const base = this.engine.attachment(BASE_KEY) as JournalBase | undefined;
    const branches = this.engine.attachment(BRANCHES_KEY) as StoredBranch[] | undefined;
    this.branches = branches ?? [];
    if (base) {
      this.base = base;
      this.baseStored = true;
      for (let chunk = 0; ; chunk++) {
        const entries = this.engine.attachment(chunkKey(chunk)) as JournalEntry[] | undefined;
        if (!entries) break;
        this.entries.push(...entries);
      }
    } else if (this.engine.disks().length === 0) {
      this.base = { clock: this.engine.clock(), copyRate: this.engine.copyRate };
    }
    this.rate = this.rateAt(this.entries.length);
    this.nextBytes = Math.max(0, ...this.allBytesKeys().map((key) => Number(key.split('/').at(-1)) + 1));
  }

  /** The copier rate in effect after `position` entries. */
  rateAt(position: number, entries: readonly JournalEntry[] = this.entries, base = this.base): number {
    let rate = base?.copyRate ?? this.engine.copyRate;
    for (const entry of entries.slice(0, position)) if (entry.step.do === 'copyRate') rate = entry.step.rate;
    return rate;
  }

  /** A new attachment key for loaded bytes. */
  bytesKey(): string {
    return `journal/bytes/${this.nextBytes++}`;
  }

  /** The hook that journals `step` in the commit of the action it belongs to; `extra` travels with it. */
  hook(step: JournalStep, extra?: AttachmentChange): CommitHook {
    let pending: { index: number; entry: JournalEntry } | null = null;
    return {
      attach: (outcome: Outcome<unknown>, events: readonly LabEvent[], state) => {
        if (!this.base) return undefined;
        pending = this.place(step, outcome.ok, state.timeMs, events);
        return this.changeFor(pending.index, pending.entry, extra);
      },
      committed: () => {
        if (pending) this.accept(pending.index, pending.entry);
      },
    };
  }

  /** Journals a change of the copier rate in a commit of its own (it changes no stored state). */
  async rateChanged(rate: number): Promise<void> {
    if (!this.base || rate === this.rate) return;
    if (this.entries.length === 0) {
      // Before the first step the rate is part of where the journal starts, not a step.
      const base = { ...this.base, copyRate: rate };
      if (this.baseStored && !(await this.engine.keepAttachments({ set: [[BASE_KEY, base]] })).ok) return;
      this.base = base;
      this.rate = rate;
      return;
    }
    const placed = this.place({ do: 'copyRate', rate }, true, this.engine.timeMs, []);
    const kept = await this.engine.keepAttachments(this.changeFor(placed.index, placed.entry));
    if (kept.ok) this.accept(placed.index, placed.entry);
  }

  /** Starts a new journal on the (now empty) array; kept branches and the bytes they use stay. */
  async restart(): Promise<void> {
    if (this.engine.disks().length > 0) return;
    const base: JournalBase = { clock: this.engine.clock(), copyRate: this.engine.copyRate };
    const chunks = Math.ceil(this.entries.length / CHUNK);
    const used = new Set(this.branchBytesKeys());
    const drop = [...Array.from({ length: chunks }, (_, i) => chunkKey(i)), ...this.bytesKeys(this.entries).filter((k) => !used.has(k))];
    const kept = await this.engine.keepAttachments({ drop, set: [[BASE_KEY, base]] });
    if (!kept.ok) return;
    this.base = base;
    this.baseStored = true;
    this.entries = [];
    this.rate = base.copyRate;
    this.onChange(-1);
  }

  /** Durably replaces the kept branches. */
  async keepBranches(branches: StoredBranch[]): Promise<Outcome> {
    const kept = await this.engine.keepAttachments({ set: [[BRANCHES_KEY, branches]] });
    if (kept.ok) this.branches = branches;
    return kept;
  }

  private place(step: JournalStep, ok: boolean, timeMs: number, events: readonly LabEvent[]): { index: number; entry: JournalEntry } {
    const range: [number, number] | null = events.length ? [events[0]!.seq, events.at(-1)!.seq] : null;
    const last = this.entries.at(-1);
    const joined = this.merging ? merged(last, step, ok) : null;
    if (joined && last) return { index: this.entries.length - 1, entry: { step: joined, ok, timeMs, events: range } };
    return { index: this.entries.length, entry: { step, ok, timeMs, events: range } };
  }

  private changeFor(index: number, entry: JournalEntry, extra?: AttachmentChange): AttachmentChange {
    const chunk = Math.floor(index / CHUNK);
    const entries = [...this.entries.slice(chunk * CHUNK, index), entry];
    const set: Array<[string, unknown]> = [[chunkKey(chunk), entries], ...(extra?.set ?? [])];
    if (!this.baseStored && this.base) set.push([BASE_KEY, this.base]);
    return { set };
  }

  private accept(index: number, entry: JournalEntry): void {
    this.entries[index] = entry;
    this.baseStored = true;
    if (entry.step.do === 'copyRate') this.rate = entry.step.rate;
    this.onChange(index);
  }

  private bytesKeys(entries: readonly JournalEntry[]): string[] {
    return entries.flatMap((e) => (e.step.do === 'loadContent' ? [e.step.key] : []));
  }

  private branchBytesKeys(): string[] {
    return this.branches.flatMap((b) => this.bytesKeys(b.entries));
  }

  private allBytesKeys(): string[] {
    return [...this.bytesKeys(this.entries), ...this.branchBytesKeys()];
  }
}
