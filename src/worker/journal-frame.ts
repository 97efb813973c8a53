/** A frame of the past: what the page draws while the learner travels through the session's timeline. */
import type { Engine } from '../core/engine.ts';
import type { LabEvent } from '../core/ports.ts';
import type { Frame, FramePair, Verification } from './api.ts';
import type { Verifier } from './verifier.ts';

const FRAME_EVENTS = 500;

/** The past engine's disks, pairs and bitmaps, their verifications then, every event up to then (the newest 500), and where the view is. */
export async function pastFrame(
  past: { engine: Engine; events: readonly LabEvent[]; position: number; verifier: Verifier },
  of: number,
  version: number,
  live: Pick<Frame, 'driver' | 'workload' | 'breakpoints'>,
): Promise<Frame> {
  const { engine } = past;
  const verifications = new Map<string, Verification>();
  for (const pair of engine.pairs()) {
    if (pair.status !== 'Completed') continue;
    const verified = await past.verifier.verify(pair.target);
    if (verified.ok) verifications.set(pair.target, verified.value);
  }
  return {
    version,
    timeMs: engine.timeMs,
    disks: engine.disks(),
    pairs: engine.pairs().map((pair): FramePair => {
      const bitmaps = engine.bitmaps(pair.target)!;
      const repository = pair.repository && (({ preserved: _preserved, ...rest }) => rest)(pair.repository);
      const verification = verifications.get(pair.target) ?? null;
      return { ...pair, repository, copied: bitmaps.copied, preserved: bitmaps.preserved, written: bitmaps.written, verification };
    }),
    events: past.events.slice(-FRAME_EVENTS),
    writes: [],
    ...live,
    travel: { position: past.position, of },
  };
}
