import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The packages the app needs at run time, as installed in `modules`: every top-level entry of the lockfile that is not
 * a development dependency (npm marks those `"dev": true`), and is on disk (an optional package for another platform
 * is not). Nested node_modules come with their parent. Reading the lockfile rather than running `npm ci --omit=dev`
 * again takes the very native builds the tests ran against, and needs no registry.
 */
export const productionPackages = (lockfile: string, modules: string): string[] => {
  const { packages } = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(packages)
    .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && entry.dev !== true)
    .map(([key]) => key.slice('node_modules/'.length))
    .filter((name) => existsSync(path.join(modules, name)));
};
