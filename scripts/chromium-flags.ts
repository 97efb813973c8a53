/** How this project launches Debian's Chromium, shared by the browser tests and the benchmarks. */

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launch flags (TOOLCHAIN.md): without the background-networking ones Chromium keeps calling hosts this network refuses. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
