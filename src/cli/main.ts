/** `storage-lab run FILE.json` (or `-` for standard input): one JSON report, exit 0, 2 or 1 (SCENARIOS.md). */
import { readFile } from 'node:fs/promises';
import { runScenarioText } from './run-text.ts';

const USAGE = 'usage: storage-lab run FILE.json   (FILE "-" reads standard input)';

/** Runs the command line with its arguments; resolves to the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  if (args[0] !== 'run' || args.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = args[1]!;
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const outcome = await runScenarioText(text);
  if (outcome.exitCode === 0) {
    await write(`${JSON.stringify(outcome.report, null, 2)}\n`);
    return 0;
  }
  const where = file === '-' ? 'standard input' : file;
  process.stderr.write(outcome.exitCode === 2 ? `${where}: ${outcome.message}\n` : `internal error: ${outcome.message}\n`);
  return outcome.exitCode;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes to stdout and waits until it is flushed (large reports to a pipe). */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}
