import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { heapStrings, inspectorUrlIn, nodeInspector, type HeapStrings } from '../support/heap-snapshot.ts';
import type { KioskUnderTest } from '../support/kiosk-under-test.ts';

/**
 * The privacy proof (issue 21): once a session has ended, is any of a citizen's personal data still anywhere on
 * the terminal? Looked for in the page (DOM and field values, a heap snapshot of the renderer, local and session
 * storage, IndexedDB, cookies, Cache Storage), in the host (a heap snapshot of its process, every log line it
 * wrote at debug level), in its temp directory and in the raw bytes of every file under the terminal's
 * directory — each database with its -wal, -shm and -journal — as UTF-8, UTF-16 and GB18030.
 */
export interface PersonalData {
  [what: string]: string;
}

/** What a kiosk needs for the probe: a debug log, a temp directory of its own, and its inspector open on loopback. */
export const probedKioskOptions = () => {
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-probed-tmp-'));
  return {
    tmpDir,
    options: { kioskEnv: { KIOSK_LOG_LEVEL: 'debug', TMPDIR: tmpDir }, kioskNodeArgs: ['--inspect=127.0.0.1:0'] },
  };
};

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
};

const ENCODINGS = ['utf8', 'utf16le', 'gb18030'] as const;

/** Where each piece of personal data was found, one line per place ("host heap: idNumber"); [] when nowhere. */
export const personalDataLeft = async (data: PersonalData, { page, kiosk, tmpDir }: { page: Page; kiosk: KioskUnderTest; tmpDir: string }): Promise<string[]> => {
  const found: string[] = [];
  const inText = (where: string, text: string) => {
    for (const [what, value] of Object.entries(data)) if (text.includes(value)) found.push(`${where}: ${what}`);
  };
  const inHeap = (where: string, heap: HeapStrings) => {
    for (const [what, value] of Object.entries(data)) if (heap.strings.some((text) => text.includes(value))) found.push(`${where}: ${what}, held by ${heap.retainersOf(value)}`);
  };

  // Scripts as text: these run in the page, whose DOM types the tests' TypeScript project does not load.
  const dom = (await page.evaluate(`[
    document.documentElement.outerHTML,
    ...[...document.querySelectorAll('input, textarea')].map((field) => field.value),
  ].join('\\n')`)) as string;
  inText('DOM', dom);
  const storage = (await page.evaluate(`(async () => {
    const dump = (store) => Object.entries({ ...store }).flat().join('\\n');
    const databases = (await indexedDB.databases()).map((database) => database.name ?? '');
    const cached = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) cached.push(request.url, (await (await cache.match(request))?.text()) ?? '');
    }
    return { local: dump(localStorage), session: dump(sessionStorage), databases, cached };
  })()`)) as { local: string; session: string; databases: string[]; cached: string[] };
  inText('localStorage', storage.local);
  inText('sessionStorage', storage.session);
  if (storage.databases.length > 0) found.push(`IndexedDB: databases ${storage.databases.join(', ')}`);
  inText('Cache Storage', storage.cached.join('\n'));
  inText('cookies', JSON.stringify(await page.context().cookies()));
  const renderer = await page.context().newCDPSession(page);
  try {
    inHeap('renderer heap', await heapStrings(renderer));
  } finally {
    await renderer.detach();
  }

  const host = await nodeInspector(inspectorUrlIn(kiosk.kiosk.errors()));
  try {
    inHeap('host heap', await heapStrings(host));
  } finally {
    host.close();
  }
  inText('host log', `${kiosk.kiosk.output()}\n${kiosk.kiosk.errors()}`);

  for (const [root, label] of [
    [tmpDir, 'temp'],
    [kiosk.terminal.dir, 'terminal'],
  ] as const) {
    for (const file of await filesUnder(root)) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0));
      for (const [what, value] of Object.entries(data)) {
        for (const encoding of ENCODINGS) {
          if (bytes.includes(iconv.encode(value, encoding))) found.push(`${label} file ${path.relative(root, file)} (${encoding}): ${what}`);
        }
      }
    }
  }
  return [...new Set(found)];
};
