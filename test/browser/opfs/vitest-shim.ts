/**
 * The part of vitest's API that the store cases use (describe, it, expect, context.skip), to run
 * them in a dedicated worker: the harness build (vite.config.ts here) aliases 'vitest' to this
 * file. `expect` is vitest's own (@vitest/expect's Jest matchers on chai), so the assertions of
 * test/storage.contract.ts mean exactly what they mean in Node.
 */
import { chai, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState, type ExpectStatic } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** vitest's expect, without a running test (no snapshot or soft assertions). */
export const expect = chai.expect as unknown as ExpectStatic;
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null }, expect);

/** What a case receives: only `skip` is supported. */
export interface CaseContext {
  skip(note?: string): never;
}

/** One registered case, named by its describe blocks and its own title. */
export interface Case {
  name: string;
  run(context: CaseContext): unknown;
}

/** Thrown by `context.skip()`. */
export class Skipped extends Error {}

const cases: Case[] = [];
const path: string[] = [];

/** Registers the cases `body` declares under `name`. */
export function describe(name: string, body: () => void): void {
  path.push(name);
  try {
    body();
  } finally {
    path.pop();
  }
}

/** Registers one case. */
export function it(name: string, run: (context: CaseContext) => unknown): void {
  cases.push({ name: [...path, name].join(' > '), run });
}

/** Every case registered so far, in order. */
export function registeredCases(): readonly Case[] {
  return cases;
}

/** A context whose skip() ends the case as skipped. */
export function caseContext(): CaseContext {
  return {
    skip: (note?: string): never => {
      throw new Skipped(note ?? 'skipped');
    },
  };
}
