#!/usr/bin/env node
// The storage-lab command line. It runs the TypeScript sources through tsx, so the command line
// and the browser share one engine with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  return 1;
});
