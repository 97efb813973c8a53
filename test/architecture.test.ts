import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, layerViolations } from './support/layers.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Repository-relative paths of every TypeScript file under src/. */
function sourceFiles(): string[] {
  return readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `src/${name.split('\\').join('/')}`)
    .sort();
}

describe('the one-way layer rule', () => {
  it('holds for every file under src/', () => {
    const violations = sourceFiles().flatMap((path) => layerViolations(path, readFileSync(`${root}${path}`, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('lets core import only core', () => {
    expect(layerViolations('src/core/copy.ts', "import type { Kernel } from './ports.ts';")).toEqual([]);
    expect(layerViolations('src/core/copy.ts', "import { openDB } from 'idb';")).toHaveLength(1);
    expect(layerViolations('src/core/copy.ts', "import type { X } from '../storage/memory.ts';")).toHaveLength(1);
    expect(layerViolations('src/core/copy.ts', "import { readFile } from 'node:fs';")).toHaveLength(1);
  });

  it('lets storage use core and idb, and wasm use core and the built kernel, nothing else', () => {
    const storage = "import { openDB } from 'idb';\nimport type { BlockStore } from '../core/ports.ts';";
    expect(layerViolations('src/storage/idb-store.ts', storage)).toEqual([]);
    expect(layerViolations('src/storage/idb-store.ts', "import * as Comlink from 'comlink';")).toHaveLength(1);
    expect(layerViolations('src/storage/idb-store.ts', "import { kernel } from '../wasm/kernel.ts';")).toHaveLength(1);
    const wasm = "import type { Kernel } from '../core/ports.ts';\nimport url from '../../build/kernel.wasm?url';";
    expect(layerViolations('src/wasm/kernel.ts', wasm)).toEqual([]);
    expect(layerViolations('src/wasm/kernel.ts', "import { openDB } from 'idb';")).toHaveLength(1);
    expect(layerViolations('src/wasm/load-node.ts', "import { readFile } from 'node:fs/promises';")).toEqual([]);
  });

  it('lets the UI see only the API types, the vocabulary, lit and comlink', () => {
    const ui = [
      "import { LitElement } from 'lit';",
      "import { customElement } from 'lit/decorators.js';",
      "import * as Comlink from 'comlink';",
      "import type { LabApi } from '../worker/api.ts';",
      "import { type Priority } from '../core/vocabulary.ts';",
      "import { Panel } from './panel.ts';",
    ].join('\n');
    expect(layerViolations('src/ui/app.ts', ui)).toEqual([]);
    expect(layerViolations('src/ui/app.ts', "import { PRIORITIES } from '../core/vocabulary.ts';")).toEqual([]);
    expect(layerViolations('src/ui/app.ts', "import { hostWrite } from '../core/host-write.ts';")).toHaveLength(1);
    expect(layerViolations('src/ui/app.ts', "import { LabService } from '../worker/lab-service.ts';")).toHaveLength(1);
    expect(layerViolations('src/ui/app.ts', "import type { Kernel } from '../core/ports.ts';")).toHaveLength(1);
    expect(layerViolations('src/ui/app.ts', "import { startEngine } from '../worker/engine.ts';")).toHaveLength(1);
    expect(layerViolations('src/ui/app.ts', "const m = await import('../storage/memory.ts');")).toHaveLength(1);
    expect(layerViolations('src/ui/app.ts', "export { MemoryStore } from '../storage/memory.ts';")).toHaveLength(1);
  });

  it('reports the file and line of a violation, and flags folders that have no rule', () => {
    expect(layerViolations('src/core/a.ts', "\n\nimport 'idb';")).toEqual(["src/core/a.ts:3: src/core may not import 'idb'"]);
    expect(layerViolations('src/helpers/a.ts', '')).toHaveLength(1);
    expect(layerViolations('src/worker/engine.ts', "import { html } from 'lit';\nimport '../ui/app.ts';")).toHaveLength(1);
    expect(layerViolations('src/scenario/index.ts', "await import('../cli/node-engine.ts');")).toHaveLength(1);
    expect(layerViolations('src/cli/main.ts', "import { readFile } from 'node:fs/promises';\nimport '../scenario/index.ts';")).toEqual([]);
  });

  it('ignores imports written in comments and strings', () => {
    const source = "// import 'idb';\n/* import { x } from '../ui/a.ts'; */\nconst s = \"import 'idb'\";";
    expect(importsOf('src/core/a.ts', source)).toEqual([]);
  });
});
