/** The error a block store raises when a stored block no longer matches its checksum. */

/** A stored block whose bytes do not match the checksum written with them. */
export class CorruptBlockError extends Error {
  override readonly name = 'CorruptBlockError';

  constructor(
    readonly disk: number,
    readonly block: number,
  ) {
    super(`block ${block} of disk ${disk} is damaged: its stored checksum does not match`);
  }
}

/** True when `error` is (or was caused by) a CorruptBlockError. */
export function corruptBlockOf(error: unknown): CorruptBlockError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof CorruptBlockError) return e;
  }
  return undefined;
}

/** What a learner is told about a damaged block. */
export function damagedMessage(diskName: string, block: number): string {
  return `block ${block} of ${diskName} is damaged: its stored checksum does not match`;
}
