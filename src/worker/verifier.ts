/**
 * Verification of a completed copy: at the point in time the worker keeps a fingerprint of the
 * source (xxHash32 of every block, stored beside the array in the same commit as the action that
 * takes the point in time, so a crash cannot separate them); at completion the target's checksums
 * are compared with it, block by block. This is independent of how the copy type protected the
 * point in time, so it also shows an unprotected copy's torn blocks.
 * Both sides are the checksums each store writes with the blocks' data in the same commit
 * (engine.checksums), so neither re-reads the disk: the verification checks the bytes the copier
 * wrote. A block damaged at rest afterwards is found by the reads and the scrub, not here.
 */
import type { AttachmentChange, Engine } from '../core/engine.ts';
import { ok, refuse, type Outcome } from '../core/outcome.ts';
import type { Verification } from './api.ts';

const MAX_LISTED = 1000;
const key = (target: string): string => `pit/${target}`;

/** Takes fingerprints and verifies targets against them. */
export class Verifier {
  private readonly results = new Map<string, { completedAt: number | null; verification: Verification }>();

  constructor(private readonly engine: Engine) {}

  /**
   * The fingerprint of a disk as it is now (take it right before the point in time, with host
   * writes held back), as the attachment change that stores it for `target` in the same commit as
   * the action; undefined when the disk does not exist (the action will refuse anyway).
   */
  async fingerprint(source: string | undefined, target: string | undefined): Promise<AttachmentChange | undefined> {
    const disk = this.engine.disks().find((d) => d.name === source);
    if (!disk || !target) return undefined;
    const sums = await this.engine.checksums(disk.name, 0, disk.blocks);
    return sums.ok ? { set: [[key(target), sums.value]] } : undefined;
  }

  /** The attachment change that drops the fingerprint of a removed pair, in the same commit. */
  dropping(target: string | undefined): AttachmentChange | undefined {
    return target ? { drop: [key(target)] } : undefined;
  }

  /** Forgets cached verifications of `target` (a new point in time, or the pair is gone). */
  reset(target: string | undefined): void {
    if (target) this.results.delete(target);
  }

  /** The verification of a completed pair, computing it if it is not known yet. */
  async verify(target: string): Promise<Outcome<Verification>> {
    const pair = this.engine.pairs().find((p) => p.target === target);
    if (!pair) return refuse('NO_SUCH_COPY', `there is no copy pair with target ${target}`);
    if (pair.status !== 'Completed') return refuse('NOT_ALLOWED', `the copy to ${target} has not completed; it is ${pair.status}`);
    const fingerprint = this.engine.attachment(key(target));
    if (!(fingerprint instanceof Uint32Array)) return refuse('NOT_ALLOWED', `no point-in-time fingerprint was kept for the copy to ${target}`);
    const sums = await this.engine.checksums(target, 0, pair.progress.total);
    if (!sums.ok) return sums;
    const differing: number[] = [];
    let count = 0;
    sums.value.forEach((sum, block) => {
      if (sum === fingerprint[block]) return;
      count++;
      if (differing.length < MAX_LISTED) differing.push(block);
    });
    const verification: Verification = { state: count === 0 ? 'equal' : 'differs', checked: sums.value.length, differing };
    this.results.set(target, { completedAt: pair.completionTimeMs, verification });
    return ok(verification);
  }

  /** The known verification of the pair's latest completion, or null. */
  cached(target: string, completedAt: number | null): Verification | null {
    const result = this.results.get(target);
    return result && result.completedAt === completedAt ? result.verification : null;
  }
}
