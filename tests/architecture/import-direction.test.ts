import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, violation, type ImportRef } from './import-rules.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const ROOMS = ['main', 'demo', 'renderer', 'drivers', 'kiosk-config', 'reference-platform', 'tests', 'bench', 'scripts'];

/** A room may hold no code yet (drivers/ before its first capability lands). */
const sourceFiles = (dir: string): string[] =>
  !existsSync(path.join(root, dir)) ? [] : readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

const check = (file: string, source: string) =>
  importsOf(file, source).flatMap((ref) => {
    const why = violation(ref);
    return why === null ? [] : [`${ref.file}:${ref.line} imports ${ref.specifier}: ${why}`];
  });

describe('import direction (architecture.md)', () => {
  it('holds for every source file of the project', () => {
    const files = ROOMS.flatMap((room) => sourceFiles(room));
    expect(files.length).toBeGreaterThan(40);
    const problems = files.flatMap((file) => check(file, readFileSync(path.join(root, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  // The checker itself: each of these must be caught, or the test above proves nothing.
  const broken: Array<[string, string, string]> = [
    ['renderer/App.tsx', "import { kioskMethods } from '../main/api/index.ts';", '`import type` only'],
    ['renderer/App.tsx', "import { readFile } from 'node:fs';", 'Node modules'],
    ['renderer/App.tsx', "import x from '../main/host/create-host.ts';", 'renderer'],
    ['renderer/App.tsx', "import { ipcRenderer } from 'electron';", 'electron'],
    ['drivers/idcard/reader.ts', "import { x } from '../../main/session/citizen-session.ts';", 'drivers'],
    ['drivers/idcard/reader.ts', "import React from 'react';", 'react'],
    ['main/host/create-host.ts', "import { app } from 'electron';", 'electron'],
    ['main/host/create-host.ts', "import { startBrowserShell } from '../browser-shell/start-browser-shell.ts';", 'shell'],
    ['main/session/citizen-session.ts', "import { createKioskHost } from '../host/create-host.ts';", 'services'],
    ['main/api/methods.ts', "import { CitizenSession } from '../session/citizen-session.ts';", 'bottom'],
    ['demo/start.ts', "import '../main/shell/main.ts';", 'process'],
    ['reference-platform/server.ts', "import { API_VERSION } from '../main/api/index.ts';", 'outside system'],
    ['main/browser-shell/loopback-server.ts', "const e = require('electron');", 'electron'],
    ['main/host/x.ts', "const m = await import('../../renderer/App.tsx');", 'renderer'],
    ['main/browser-shell/page/page-bridge.ts', "import { z } from 'zod';", 'no packages'],
    ['main/browser-shell/page/page-bridge.ts', "import { kioskMethods } from '../../api/index.ts';", '`import type` only'],
    ['main/browser-shell/page/page-bridge.ts', "import { startLoopbackServer } from '../loopback-server.ts';", 'only the contract types'],
  ];
  it.each(broken)('catches %s: %s', (file, source, why) => {
    const problems = check(file, source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(why);
  });

  const fine: Array<[string, string]> = [
    ['renderer/App.tsx', "import type { SessionState } from '../main/api/index.ts';"],
    ['renderer/App.tsx', "import { type SessionState, type Locale } from '../main/api/index.ts';"],
    ['main/shell/main.ts', "import { app } from 'electron';"],
    ['main/shell/main.ts', "import { createKioskHost } from '../host/create-host.ts';"],
    ['tests/unit/x.test.ts', "import type { Input } from 'electron';"],
    ['main/host/create-host.ts', "import { CitizenSession } from '../session/citizen-session.ts';"],
  ];
  it.each(fine)('allows %s: %s', (file, source) => {
    expect(check(file, source)).toEqual([]);
  });

  it('sees every kind of import', () => {
    const refs: ImportRef[] = importsOf(
      'main/x.ts',
      "import a from './a.ts';\nexport { b } from './b.ts';\nexport type { C } from './c.ts';\nconst d = await import('./d.ts');\ntype E = import('./e.ts').E;",
    );
    expect(refs.map((ref) => [ref.specifier, ref.typeOnly])).toEqual([
      ['./a.ts', false],
      ['./b.ts', false],
      ['./c.ts', true],
      ['./d.ts', false],
      ['./e.ts', true],
    ]);
  });
});
