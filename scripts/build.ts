import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { writeStrokeLibrary } from './handwriting-strokes.ts';

/**
 * Builds what the shells run: the renderer (Vite) and its handwriting stroke library, the browser shell's page bridge, the Electron main
 * process and preload, and the page worker (esbuild). Type-checking is `npm run typecheck`; this only transpiles and bundles.
 */
const electronTarget = 'node24';

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
// The handwriting keyboard's stroke library, fetched by the page when the citizen first writes by hand.
writeStrokeLibrary('dist/renderer');

await Promise.all([
  esbuild({
    entryPoints: ['main/browser-shell/page/page-bridge.ts'],
    outfile: 'dist/browser-shell/page-bridge.js',
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  }),
  esbuild({
    // The same guards for the Electron shell's page (served by app-protocol.ts before the app's scripts).
    entryPoints: ['main/browser-shell/page/page-guards-entry.ts'],
    outfile: 'dist/electron/page-guards.js',
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  }),
  esbuild({
    entryPoints: ['main/shell/main.ts'],
    outfile: 'dist/electron/main.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: electronTarget,
    // Dependencies stay in node_modules (packed by electron-builder); only our code is bundled.
    packages: 'external',
    logLevel: 'warning',
  }),
  esbuild({
    // The page processor's worker thread (OpenCV), its own file because a worker starts from a file.
    entryPoints: ['main/documents/page-worker.ts'],
    outfile: 'dist/workers/page-worker.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: electronTarget,
    packages: 'external',
    logLevel: 'warning',
  }),
  esbuild({
    entryPoints: ['main/shell/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: electronTarget,
    // A sandboxed preload may require only electron (and a few node polyfills): everything else is inlined.
    external: ['electron'],
    logLevel: 'warning',
  }),
]);
console.log('built dist/renderer, dist/browser-shell, dist/electron, dist/workers');
