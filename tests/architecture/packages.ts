/**
 * Every npm package the project imports, and where it may run. A package nobody has classified fails the import
 * check ("classify <pkg> in packages.ts"), so a new dependency is placed on purpose, not by accident.
 *
 * - `node`: the host's (Node or Electron main). Native modules, Node streams, and the libraries that handle
 *   citizens' data or the terminal's keys: the page never gets them, even where they would run in a browser.
 * - `browser`: the page's (the React renderer).
 * - `either`: plain code that runs on both sides.
 * - `tool`: test and build tooling: only tests, bench, scripts and the root config files import it.
 *
 * Which rooms take which classes is in rooms.ts; `only` narrows a package to some rooms (tool rooms excepted).
 */
export type PackageClass = 'node' | 'browser' | 'either' | 'tool';

export interface PackageRule {
  class: PackageClass;
  /** The rooms (names in rooms.ts) that may import it, where that is narrower than its class. */
  only?: readonly string[];
  why: string;
}

export const PACKAGES: Readonly<Record<string, PackageRule>> = {
  // The host's
  electron: { class: 'node', only: ['main/shell', 'main/shell/preload'], why: 'Electron is a thin shell: only main/shell imports it' },
  ws: { class: 'node', why: 'the browser shell’s loopback WebSocket server' },
  pino: { class: 'node', why: 'the host’s structured log' },
  'better-sqlite3': { class: 'node', why: 'native SQLite: the host’s databases' },
  serialport: { class: 'node', only: ['drivers/transport'], why: 'native serial ports: only a transport opens one' },
  'node-hid': { class: 'node', only: ['drivers/transport'], why: 'native HID: only a transport opens one' },
  sharp: { class: 'node', why: 'native image processing of scanned pages' },
  'pdf-lib': { class: 'node', why: 'the materials’ PDFs are built in the host, never in the page' },
  '@techstark/opencv-js': { class: 'node', why: 'page straightening in the host’s worker thread' },
  pngjs: { class: 'node', why: 'PNG decoding on Node buffers (printer rasters, receipt branding)' },
  'iconv-lite': { class: 'node', why: 'GBK/GB18030 on Node buffers for printers and scanners' },
  mqtt: { class: 'node', only: ['main/fleet'], why: 'the fleet link: the ThingsBoard device API over MQTT (telemetry, attributes, RPC)' },
  'prom-client': { class: 'node', only: ['main/fleet'], why: 'the terminal’s Prometheus /metrics on loopback' },
  aedes: { class: 'node', only: ['reference-platform'], why: 'the reference platform’s embedded MQTT broker behind the fleet page' },
  'sm-crypto-v2': { class: 'node', why: 'SM2/SM3 in pure JS (Electron’s BoringSSL has no SM3): the terminal’s keys and the catalogue’s signatures, host only' },

  // The page's
  react: { class: 'browser', why: 'the touch UI' },
  'react-dom': { class: 'browser', why: 'the touch UI' },
  i18next: { class: 'browser', why: 'the page’s translations (the host’s texts are its own)' },
  'react-i18next': { class: 'browser', why: 'the page’s translations' },
  'react-simple-keyboard': { class: 'browser', why: 'the on-screen keyboard' },
  'simple-keyboard': { class: 'browser', why: 'the on-screen keyboard' },
  'simple-keyboard-layouts': { class: 'browser', why: 'the on-screen keyboard’s layouts and pinyin candidates' },

  // Either side
  zod: { class: 'either', why: 'the contract’s and the config’s schemas' },
  'pinyin-pro': { class: 'either', why: 'pinyin readings: catalogue search in the host, candidates in the page' },
  qrcode: { class: 'either', why: 'QR matrices: receipts in the host, the on-screen QR in the page' },

  // Tooling
  vitest: { class: 'tool', why: 'unit, architecture and integration tests' },
  '@playwright/test': { class: 'tool', why: 'end-to-end journeys in Chromium' },
  '@axe-core/playwright': { class: 'tool', why: 'accessibility checks in the e2e suite' },
  vite: { class: 'tool', why: 'builds the renderer' },
  '@vitejs/plugin-react': { class: 'tool', why: 'builds the renderer' },
  esbuild: { class: 'tool', why: 'bundles the preload, the page bridge and the page worker' },
  typescript: { class: 'tool', why: 'the architecture check parses imports with it' },
  'fast-check': { class: 'tool', why: 'property tests of every parser' },
  'parse-prometheus-text-format': { class: 'tool', why: 'tests parse the terminal’s /metrics as Prometheus would' },
  ajv: { class: 'tool', why: 'checks the config’s JSON Schema in tests' },
  yaml: { class: 'tool', why: 'reads docs/platform-api.yaml in tests' },
  jsqr: { class: 'tool', why: 'reads printed QR codes back in tests' },
  '@eslint/js': { class: 'tool', why: 'lint' },
  'typescript-eslint': { class: 'tool', why: 'lint' },
  'eslint-plugin-react': { class: 'tool', why: 'lint' },
  'eslint-plugin-react-hooks': { class: 'tool', why: 'lint' },
  globals: { class: 'tool', why: 'lint: the globals of each environment' },
  '@doyensec/electronegativity': { class: 'tool', why: 'the Electron shell’s security scan in the tests (run as a process)' },
};
