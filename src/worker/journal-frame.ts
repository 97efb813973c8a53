/** A frame of the past: what the page draws while the learner travels through the session's timeline. */
import type { Engine } from '../core/engine.ts';
import type { LabEvent } from '../core/ports.ts';
import type { Frame, FramePair } from './api.ts';

const FRAME_EVENTS = 500;

/** The past engine's disks, pairs and bitmaps, every event up to then (the newest 500), and where the view is. */
export function pastFrame(
  past: { engine: Engine; events: readonly LabEvent[]; position: number },
  of: number,
  version: number,
  live: Pick<Frame, 'driver' | 'workload' | 'breakpoints'>,
): Frame {
  const { engine } = past;
  return {
    version,
    timeMs: engine.timeMs,
    disks: engine.disks(),
    pairs: engine.pairs().map((pair): FramePair => {
      const bitmaps = engine.bitmaps(pair.target)!;
      const repository = pair.repository && (({ preserved: _preserved, ...rest }) => rest)(pair.repository);
      // A verification belongs to the live copy; the past shows none.
      return { ...pair, repository, copied: bitmaps.copied, preserved: bitmaps.preserved, written: bitmaps.written, verification: null };
    }),
    events: past.events.slice(-FRAME_EVENTS),
    writes: [],
    ...live,
    travel: { position: past.position, of },
  };
}
