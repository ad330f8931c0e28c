import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the build puts what the shells serve. From source (main/host/) and from the Electron bundle
 * (dist/electron/) alike, the project root is two levels up.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const buildPaths = {
  projectRoot,
  renderer: path.join(projectRoot, 'dist', 'renderer'),
  pageBridge: path.join(projectRoot, 'dist', 'browser-shell', 'page-bridge.js'),
  electronMain: path.join(projectRoot, 'dist', 'electron', 'main.js'),
  electronPreload: path.join(projectRoot, 'dist', 'electron', 'preload.cjs'),
  electronPageGuards: path.join(projectRoot, 'dist', 'electron', 'page-guards.js'),
} as const;
