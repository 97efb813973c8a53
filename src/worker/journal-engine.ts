/**
 * The live engine as the lab service and the copier driver see it: every action goes into the
 * journal in the same commit, and while the learner looks at the past, actions are refused (the
 * future must not be discarded silently) and reads answer from the past.
 */
import type { Engine } from '../core/engine.ts';
import type { NewCopy } from '../core/create-copy.ts';
import type { NewDisk } from '../core/disks.ts';
import type { HostWrite } from '../core/host-write.ts';
import { refuse, type Outcome } from '../core/outcome.ts';
import type { RecopyOptions } from '../core/pair-actions.ts';
import { journalData, toBase64 } from './journal-data.ts';
import type { Journal } from './journal.ts';
import type { JournalStep } from './journal-types.ts';

/** Where the journaled engine asks whether the learner is looking at the past, and at which engine. */
export interface PastView {
  /** The engine of the past state being looked at, or null when live. */
  pastEngine(): Engine | null;
}

/** Why an action is refused while the learner looks at the past. */
export const IN_THE_PAST = 'you are looking at the past: go back to live, or continue from here (the later steps are kept as a branch)';
// Host and raw reads show the past's bytes; checksums stay live (the live lab's verifier uses them).
const READS = new Set(['read', 'readRaw', 'readCopySource', 'readCopySourceRange']);

/** The engine wrapped so that its actions are journaled and refused while travelling. */
export function journaledEngine(engine: Engine, journal: Journal, view: PastView): Engine {
  const record = <T>(step: JournalStep, call: () => Promise<Outcome<T>>, extra?: Parameters<Journal['hook']>[1]): Promise<Outcome<T>> => {
    if (view.pastEngine()) return Promise.resolve(refuse('NOT_ALLOWED', IN_THE_PAST));
    return engine.hooked(journal.hook(step, extra), call);
  };
  const actions: Partial<Record<keyof Engine, unknown>> = {
    createDisk: (spec: NewDisk) => record({ do: 'createDisk', ...spec }, () => engine.createDisk(spec)),
    deleteDisk: (name: string) => record({ do: 'deleteDisk', name }, () => engine.deleteDisk(name)),
    loadContent: (name: string, bytes: Uint8Array) => {
      const key = journal.bytesKey();
      const step: JournalStep = { do: 'loadContent', disk: name, key, length: bytes.length };
      return record(step, () => engine.loadContent(name, bytes), { set: [[key, toBase64(bytes)]] });
    },
    setDiskState: (disk: string, state: string) => record({ do: 'setDiskState', disk, state }, () => engine.setDiskState(disk, state)),
    failBlock: (disk: string, block: number) => record({ do: 'failBlock', disk, block }, () => engine.failBlock(disk, block)),
    repairBlock: (disk: string, block: number) => record({ do: 'repairBlock', disk, block }, () => engine.repairBlock(disk, block)),
    createCopy: (spec: NewCopy, keep?: Parameters<Engine['createCopy']>[1]) => record({ do: 'createCopy', ...spec }, () => engine.createCopy(spec, keep)),
    stop: (target?: string) => record({ do: 'stop', ...opt({ target }) }, () => engine.stop(target)),
    recopy: (target?: string, options?: RecopyOptions, keep?: Parameters<Engine['recopy']>[2]) =>
      record({ do: 'recopy', ...opt({ target, priority: options?.priority, targetReadOnly: options?.targetReadOnly }) }, () => engine.recopy(target, options, keep)),
    removeCopy: (target?: string, keep?: Parameters<Engine['removeCopy']>[1]) => record({ do: 'removeCopy', ...opt({ target }) }, () => engine.removeCopy(target, keep)),
    setPriority: (target: string | undefined, priority: string) => record({ do: 'setPriority', ...opt({ target }), priority }, () => engine.setPriority(target, priority)),
    setTargetReadOnly: (target: string | undefined, value: boolean) =>
      record({ do: 'setTargetReadOnly', ...opt({ target }), value }, () => engine.setTargetReadOnly(target, value)),
    write: (request: HostWrite) =>
      record({ do: 'write', disk: request.disk, blocks: [...request.blocks], size: request.data.length, data: journalData(request.data) }, () => engine.write(request)),
    tick: (ms: number) => record({ do: 'tick', ms }, () => engine.tick(ms)),
    run: () => record({ do: 'run' }, () => engine.run()),
    copy: (target: string | undefined, blocks: number) => record({ do: 'copy', ...opt({ target }), blocks }, () => engine.copy(target, blocks)),
    setCopyRate: (rate: number) => {
      if (view.pastEngine()) return refuse('NOT_ALLOWED', IN_THE_PAST);
      const set = engine.setCopyRate(rate);
      if (set.ok) void journal.rateChanged(rate);
      return set;
    },
  };
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(actions, property)) return actions[property as keyof Engine];
      const past = typeof property === 'string' && READS.has(property) ? view.pastEngine() : null;
      if (!past) return Reflect.get(target, property, receiver);
      const read: unknown = Reflect.get(past, property, past);
      return typeof read === 'function' ? read.bind(past) : read;
    },
  });
}

/** The fields that are set (a step leaves optional fields out rather than undefined). */
function opt<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
