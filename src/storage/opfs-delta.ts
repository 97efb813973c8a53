/** A checked commit as the Delta its journal entry keeps, refusing values the files cannot hold. */
import type { CheckedCommit } from './commit-check.ts';
import { encodeValue, type Json } from './opfs-codec.ts';
import type { Delta, ExtentWrite } from './opfs-meta.ts';

/** The delta of a checked commit whose ops write `writes`; throws (changing nothing) on a value it cannot encode. */
export function toDelta(checked: CheckedCommit, writes: ExtentWrite[]): Delta {
  return {
    putDisks: checked.putDisks.map(({ record, layout }, i): [Json, number] => [
      encodeOrRefuse(record, `putDisks[${i}] (disk ${record.id})`),
      layout.blocksPerExtent,
    ]),
    deletePrefixes: checked.deletePrefixes,
    putRecords: checked.putRecords.map(([key, value], i): [string, Json] => [key, encodeOrRefuse(value, `putRecords[${i}] (${key})`)]),
    writes,
    deleteDisks: checked.deleteDisks,
    events: checked.events.map((event, i) => encodeOrRefuse(event, `events[${i}]`)),
  };
}

function encodeOrRefuse(value: unknown, at: string): Json {
  try {
    return encodeValue(value);
  } catch (error) {
    throw new Error(`commit refused: ${at}: value cannot be stored (${error instanceof Error ? error.message : String(error)})`);
  }
}
