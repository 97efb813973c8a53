/** The one-way layer rule of ARCHITECTURE.md as data, and a checker of one source file against it. */
import { posix } from 'node:path';
import ts from 'typescript';

/** The folders of src/ that have a rule; a file anywhere else in src/ is itself a violation. */
export const LAYERS = ['core', 'scenario', 'storage', 'wasm', 'worker', 'cli', 'ui'] as const;
/** One folder of src/. */
export type Layer = (typeof LAYERS)[number];

/** One import edge found in a source file. */
export interface ImportEdge {
  readonly specifier: string;
  /** True for `import type`, `export type`, all-`type` specifier lists and `import('x').T` type queries. */
  readonly typeOnly: boolean;
  readonly line: number;
}

/** Every static import, re-export, dynamic import() and import type in the source, comments ignored. */
export function importsOf(fileName: string, source: string): ImportEdge[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (literal: ts.Node, typeOnly: boolean): void => {
    if (!ts.isStringLiteralLike(literal)) return;
    const line = file.getLineAndCharacterOfPosition(literal.getStart(file)).line + 1;
    edges.push({ specifier: literal.text, typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allNamedAreTypes = !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || (!clause.name && allNamedAreTypes)));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause;
      const allNamedAreTypes = !!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, node.isTypeOnly || allNamedAreTypes);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edges;
}

/** The layer of a repository-relative path such as `src/ui/main.ts`, or undefined outside the known layers. */
export function layerOf(path: string): Layer | undefined {
  const match = /^src\/([^/]+)\//.exec(path);
  return LAYERS.find((layer) => layer === match?.[1]);
}

/** What an import specifier points at: a repository path (queries like `?url` dropped) or a library name. */
type Target = { kind: 'path'; path: string } | { kind: 'library'; name: string };

function targetOf(fromPath: string, specifier: string): Target {
  const bare = specifier.replace(/[?#].*$/, '');
  if (bare.startsWith('.')) return { kind: 'path', path: posix.normalize(posix.join(posix.dirname(fromPath), bare)) };
  if (bare.startsWith('/')) return { kind: 'path', path: `public${bare}` };
  const parts = bare.split('/');
  return { kind: 'library', name: bare.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? bare) };
}

/** Libraries each layer may import; `*` means any. Node built-ins count as libraries (`node:fs`). */
const LIBRARIES: Readonly<Record<Layer, readonly string[]>> = {
  core: [],
  scenario: [],
  storage: ['idb'],
  wasm: ['node:fs'], // the Node loader reads build/kernel.wasm from disk
  worker: ['*'],
  cli: ['*'],
  ui: ['lit', '@lit/reactive-element', '@lit/context', '@lit/task', 'comlink', 'virtual:pwa-register'],
};

/** Layers each layer may import values from (its own folder is always allowed); worker and cli are the two composition roots. */
const VALUE_IMPORTS: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  scenario: ['core', 'storage', 'wasm'],
  storage: ['core'],
  wasm: ['core'],
  worker: ['core', 'scenario', 'storage', 'wasm'],
  cli: ['core', 'scenario', 'storage', 'wasm'],
  ui: [],
};

/**
 * What the UI may see of the rest: the worker's API as types only, and the domain's vocabulary (its
 * const arrays of names and the priority rates are the API's words, not rules), nothing else.
 */
const UI_TYPE_ONLY_FILES = ['src/worker/api.ts'];
const UI_VALUE_FILES = ['src/core/vocabulary.ts'];

function pathAllowed(from: Layer, path: string, typeOnly: boolean): boolean {
  const to = layerOf(path);
  if (to === from) return true;
  if (from === 'ui') return UI_VALUE_FILES.includes(path) || (typeOnly && UI_TYPE_ONLY_FILES.includes(path));
  if (from === 'wasm' && path.startsWith('build/')) return true; // the asc output of assembly/
  if (to === undefined) return from === 'worker' || from === 'cli';
  return VALUE_IMPORTS[from].includes(to);
}

/** Messages, one per import of `source` (at repository path `path`) that breaks the one-way rule; empty when it obeys. */
export function layerViolations(path: string, source: string): string[] {
  const from = layerOf(path);
  if (!from) return [`${path}: src/ holds only the folders ${LAYERS.join(', ')}; add a rule in test/support/layers.ts for a new one`];
  const violations: string[] = [];
  for (const edge of importsOf(path, source)) {
    const target = targetOf(path, edge.specifier);
    const allowed =
      target.kind === 'path'
        ? pathAllowed(from, target.path, edge.typeOnly)
        : LIBRARIES[from].includes('*') || LIBRARIES[from].includes(target.name);
    if (!allowed) {
      const kind = edge.typeOnly ? 'type import' : 'import';
      violations.push(`${path}:${edge.line}: src/${from} may not ${kind} '${edge.specifier}'`);
    }
  }
  return violations;
}
