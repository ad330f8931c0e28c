import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The device manager owns every device: nothing but drivers/manager constructs a transport. The transports
 * themselves, the simulators (the far end of a pty) and tests (a driver against a simulator) may.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const ALLOWED = ['drivers/manager/', 'drivers/transport/', 'drivers/simulators/', 'tests/'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'release', 'coverage']);
const CONSTRUCTION = /\bnew\s+(\w*Transport)\s*\(/g;

const projectFiles = (dir = ''): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : projectFiles(file);
    return entry.name.endsWith('.ts') || entry.name.endsWith('.tsx') ? [file] : [];
  });

/** Every transport construction in a file the rule covers: "main/host/x.ts:12 new SerialTransport(". */
const transportConstructions = (file: string, source: string): string[] => {
  if (ALLOWED.some((prefix) => file.startsWith(prefix))) return [];
  return source.split('\n').flatMap((line, i) => [...line.matchAll(CONSTRUCTION)].map((match) => `${file}:${i + 1} new ${match[1]}(`));
};

describe('transports are constructed only by the device manager', () => {
  it('finds no transport constructed outside drivers/manager, drivers/transport, drivers/simulators and tests', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((file) => transportConstructions(file, readFileSync(path.join(root, file), 'utf8')))).toEqual([]);
  });

  it('would catch a transport planted in the host, kioskctl or a service', () => {
    expect(transportConstructions('main/host/x.ts', "const t = new SerialTransport({ path: '/dev/ttyUSB0', baudRate: 115200 });")).toEqual(['main/host/x.ts:1 new SerialTransport(']);
    expect(transportConstructions('kiosk-config/kioskctl/commands/y.ts', 'a;\nconst t = new HidTransport ({ vendorId, productId });')).toEqual(['kiosk-config/kioskctl/commands/y.ts:2 new HidTransport(']);
    expect(transportConstructions('main/cases/z.ts', 'new DeviceFileTransport({ path })')).toEqual(['main/cases/z.ts:1 new DeviceFileTransport(']);
    expect(transportConstructions('drivers/idcard/w.ts', 'new TcpTransport(options)')).toEqual(['drivers/idcard/w.ts:1 new TcpTransport(']);
  });

  it('lets the manager, the transports, the simulators and tests construct them', () => {
    for (const file of ['drivers/manager/transport-for.ts', 'drivers/transport/serial-transport.ts', 'drivers/simulators/s.ts', 'tests/support/t.ts']) {
      expect(transportConstructions(file, 'new SerialTransport({ path, baudRate })')).toEqual([]);
    }
  });
});
