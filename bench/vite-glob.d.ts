// Vite's import.meta.glob, declared for bench/opfs.ts alone (the project does not load vite/client types).
interface ImportMeta {
  glob(pattern: string): Record<string, () => Promise<unknown>>;
}
