import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPaths } from '../../main/host/build-paths.ts';

/**
 * Electronegativity (Doyensec, pinned in package.json) over what the Electron app is made of: the host and shell
 * sources and the built page. It exits 0 whatever it finds, so its CSV is read here. It runs offline: its translation
 * download fails at once (tests/support/electronegativity-offline.cjs), the installed Electron's version is given,
 * and the one check that needs Electron's release list from the internet is left out.
 */
const root = buildPaths.projectRoot;
const require = createRequire(import.meta.url);

/** Findings we reviewed and keep, each explained in docs/security.md (which this test also reads). */
const EXPLAINED: Readonly<Record<string, string>> = {
  PRELOAD_JS_CHECK: 'the preload is our own, bundled, sandboxed bridge',
  CSP_GLOBAL_CHECK: 'a CSP that allows data: images and the loopback WebSocket',
  ELECTRON_VERSION_JSON_CHECK: 'informational: the version it found',
};

interface Finding {
  issue: string;
  severity: string;
  file: string;
  location: string;
}

/**
 * Its CSV: the sample column is written unquoted and may hold commas and line breaks (an HTML sample), the others are
 * quoted; so a record is cut where the next one begins (an issue id, then a quoted severity).
 */
const RECORD = /^([A-Z0-9_]+),"([A-Z]+)","([A-Z]+)","([^"]*)","(\d+:\d+)",(.*),"([^"]*)",(\S+)$/s;
const parseCsv = (csv: string): Finding[] =>
  csv
    .trim()
    .split(/\n(?=[A-Z0-9_]+,"(?:INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)",)/)
    .slice(1)
    .map((record) => {
      const match = RECORD.exec(record);
      if (match === null) throw new Error(`unexpected Electronegativity CSV record: ${record}`);
      return { issue: match[1] ?? '', severity: match[2] ?? '', file: match[4] ?? '', location: match[5] ?? '' };
    });

describe('Electronegativity', () => {
  let dir = '';
  let findings: Finding[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-electronegativity-'));
    await cp(path.join(root, 'main'), path.join(dir, 'main'), { recursive: true });
    await mkdir(path.join(dir, 'renderer'));
    await cp(path.join(buildPaths.renderer, 'index.html'), path.join(dir, 'renderer', 'index.html'));
    await cp(path.join(root, 'package.json'), path.join(dir, 'package.json'));
    const electronVersion = (JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
    const output = path.join(dir, 'findings.csv');
    const cli = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
    const offline = path.join(root, 'tests', 'support', 'electronegativity-offline.cjs');
    await promisify(execFile)(process.execPath, ['--require', offline, cli, '-i', dir, '-o', output, '-r', '-e', electronVersion, '-x', 'availablesecurityfixesglobalcheck'], {
      cwd: dir,
      timeout: 120_000,
    });
    findings = parseCsv(await readFile(output, 'utf8'));
  }, 150_000);
  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('reads the app (it reports the Electron version it was given)', () => {
    expect(findings.some((finding) => finding.issue === 'ELECTRON_VERSION_JSON_CHECK')).toBe(true);
  });

  it('finds nothing HIGH or worse', () => {
    expect(findings.filter((finding) => ['HIGH', 'CRITICAL'].includes(finding.severity))).toEqual([]);
  });

  it('finds nothing we have not reviewed and explained in docs/security.md', async () => {
    expect(findings.filter((finding) => !(finding.issue in EXPLAINED))).toEqual([]);
    const security = await readFile(path.join(root, 'docs', 'security.md'), 'utf8');
    for (const issue of new Set(findings.map((finding) => finding.issue))) expect(security).toContain(issue);
  });
});
