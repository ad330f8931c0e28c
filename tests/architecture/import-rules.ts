import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { CODEC_PACKAGES, deviceRoomOf, isCodecFile, isDeviceFileDeclared } from './codec-files.ts';
import { PACKAGES } from './packages.ts';
import { isToolRoom, roomOf, SERVICES, SHELLS, type Room } from './rooms.ts';

/**
 * The arrows of ../shared/design/architecture.md, as code: which room may import which (rooms.ts), which
 * packages run where (packages.ts), which device files are pure codecs (codec-files.ts). Default deny: a file
 * in no room, an unclassified package, an import its room's row does not allow, all fail. Files are named by
 * their project-relative path with forward slashes.
 */

export interface ImportRef {
  file: string;
  specifier: string;
  typeOnly: boolean;
  line: number;
  /** The value names it takes (`import { a, b }`, `export { a }`); null when it takes the whole module. */
  names: string[] | null;
}

/** Every import, re-export, dynamic import() and require() of a source file. */
export const importsOf = (file: string, source: string): ImportRef[] => {
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : file.endsWith('.jsx') ? ts.ScriptKind.JSX : file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean, names: string[] | null) => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    refs.push({ file, specifier: specifier.text, typeOnly, line, names });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      const allNamedAreTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      const typeOnly = clause?.isTypeOnly === true || allNamedAreTypes;
      const names = typeOnly
        ? []
        : clause === undefined || clause.name !== undefined || named === undefined
          ? null
          : named.elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text);
      add(node, node.moduleSpecifier, typeOnly, names);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      const names = node.isTypeOnly
        ? []
        : clause !== undefined && ts.isNamedExports(clause)
          ? clause.elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text)
          : null;
      add(node, node.moduleSpecifier, node.isTypeOnly, names);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false, null);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true, null);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
};

type Target = { kind: 'project'; path: string } | { kind: 'builtin'; name: string } | { kind: 'package'; name: string };

const builtins = new Set(builtinModules);

export const resolveTarget = (ref: ImportRef): Target => {
  const { specifier } = ref;
  if (specifier.startsWith('.')) {
    return { kind: 'project', path: path.posix.normalize(path.posix.join(path.posix.dirname(ref.file), specifier)) };
  }
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '')) return { kind: 'builtin', name: specifier };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier) };
};

const isIn = (room: Room, ...names: readonly string[]) => names.includes(room.name);

/** Why this file cannot be checked (it is in no room, or a device file declared neither codec nor driver), or null. */
export const fileProblem = (file: string): string | null => {
  if (roomOf(file) === undefined) return `${file} is in no room: declare it in rooms.ts`;
  if (deviceRoomOf(file) !== undefined && !isDeviceFileDeclared(file)) {
    return `${file} is neither a codec nor a driver file: declare it in codec-files.ts`;
  }
  return null;
};

const PRELOAD_ELECTRON_NAMES = ['contextBridge', 'ipcRenderer'];

const electronRule = (ref: ImportRef, room: Room): string | null => {
  if (isIn(room, 'main/shell')) return null;
  if (isIn(room, 'main/shell/preload')) {
    if (ref.typeOnly) return null;
    const taken = ref.names;
    if (taken !== null && taken.every((name) => PRELOAD_ELECTRON_NAMES.includes(name))) return null;
    return 'the preload takes only contextBridge and ipcRenderer from electron';
  }
  if (isIn(room, 'tests') && ref.typeOnly) return null;
  return 'only main/shell imports electron';
};

const packageRule = (ref: ImportRef, room: Room, name: string): string | null => {
  if (name === 'electron') return electronRule(ref, room);
  const rule = PACKAGES[name];
  if (rule === undefined) return `classify ${name} in packages.ts`;
  if (isIn(room, 'main/browser-shell/page')) return 'the page bridge runs in Chromium: it imports no packages and no Node modules';
  if (!room.packages.includes(rule.class)) {
    const takes = room.packages.length === 0 ? 'no packages' : `${room.packages.join(' and ')} packages only`;
    return `${room.name} cannot use ${name}: ${name} is classed ${rule.class} and ${room.name} takes ${takes}`;
  }
  if (rule.only !== undefined && !isToolRoom(room) && !rule.only.includes(room.name)) {
    return `${room.name} cannot use ${name}: only ${rule.only.join(', ')} may (${rule.why})`;
  }
  return null;
};

const builtinRule = (room: Room): string | null => {
  if (room.builtins) return null;
  if (isIn(room, 'renderer')) return 'the renderer never imports Node modules';
  if (isIn(room, 'main/browser-shell/page')) return 'the page bridge runs in Chromium: it imports no packages and no Node modules';
  if (isIn(room, 'main/shell/preload')) return 'the preload is sandboxed: it imports no Node modules';
  return `${room.name} imports no Node modules`;
};

const CODEC_RULE = `codec files import only other codec files (and ${CODEC_PACKAGES.join(', ')}): bytes in, values out`;

const codecRule = (ref: ImportRef): string | null => {
  const target = resolveTarget(ref);
  if (target.kind === 'package' && CODEC_PACKAGES.includes(target.name)) return null;
  if (target.kind === 'project' && isCodecFile(target.path)) {
    const room = deviceRoomOf(target.path);
    if (room === deviceRoomOf(ref.file) || room === 'drivers/clock') return null;
  }
  return CODEC_RULE;
};

const DRIVERS = (room: Room) => room.name.startsWith('drivers/');
const KIOSK_CONFIG = ['kiosk-config', 'kiosk-config/kioskctl'];

/** Why a project import points the wrong way, said by the rule it breaks; null when the rooms' table decides. */
const arrowRule = (from: Room, to: Room): string | null => {
  if (isIn(to, 'tests')) return 'product code never imports tests';
  if (isIn(to, 'renderer')) return 'only the renderer imports the renderer';
  if (isIn(to, ...KIOSK_CONFIG) && !isIn(from, ...KIOSK_CONFIG, 'demo')) {
    return 'nothing imports kiosk-config but kiosk-config itself, tests, scripts and the demo';
  }
  if (from.name.startsWith('main/') && isIn(to, 'reference-platform', 'drivers/simulators')) {
    return 'main never imports the reference platform or the simulators (the demo and the tests bring them)';
  }
  if (DRIVERS(from) && !DRIVERS(to)) return 'drivers import nothing of ours outside drivers/';
  if (isIn(from, ...SERVICES)) {
    if (isIn(to, 'main/host', ...SHELLS)) return 'services do not import the host or the shells';
    if (isIn(to, 'drivers/transport')) return 'services reach devices through driver interfaces, never a transport';
    if (isIn(to, 'drivers/manager')) return 'services get their devices passed in: they never import drivers/manager';
    if (isIn(to, 'main/config')) return 'services get their config values passed in: they never import main/config';
  }
  if (isIn(from, 'main/host')) {
    if (isIn(to, ...SHELLS)) return 'the host never imports a shell (shells import the host)';
    if (DRIVERS(to) && !isIn(to, 'drivers/manager')) return 'the host reaches drivers only through drivers/manager';
  }
  if (isIn(from, 'main/shell') && isIn(to, 'main/browser-shell', 'main/browser-shell/page', 'demo')) {
    return 'the Electron shell does not import the other shells';
  }
  if (isIn(from, 'main/browser-shell') && isIn(to, 'main/shell', 'main/shell/preload', 'demo')) {
    return 'the browser shell does not import the other shells';
  }
  if (isIn(from, 'demo') && isIn(to, 'main/shell', 'main/shell/preload')) {
    return 'the launcher starts Electron as a process; it never imports main/shell';
  }
  if (isIn(from, 'kiosk-config/kioskctl') && isIn(to, 'drivers/transport')) {
    return 'kioskctl reaches devices through drivers/manager, never a transport';
  }
  return null;
};

const projectRule = (ref: ImportRef, from: Room, to: string): string | null => {
  const toRoom = roomOf(to);
  if (isToolRoom(from)) return null;
  if (toRoom === undefined) return `${to} is in no room: ${from.name} cannot import it`;
  if (toRoom === from) return null;
  const said = arrowRule(from, toRoom);
  if (said !== null) return said;
  if (from.files?.includes(to) === true) return null;
  if (!from.imports.includes('*') && !from.imports.includes(toRoom.name)) return `${from.name} does not import ${toRoom.name}: ${from.says}`;
  if (from.typeOnly?.includes(toRoom.name) === true && !ref.typeOnly) {
    return `${from.name} imports ${toRoom.name} with \`import type\` only`;
  }
  return null;
};

/** Why this import points the wrong way, or null when it is allowed. */
export const violation = (ref: ImportRef): string | null => {
  const { file } = ref;
  const room = roomOf(file);
  if (room === undefined) return `${file} is in no room: declare it in rooms.ts`;
  const target = resolveTarget(ref);
  if (isCodecFile(file)) {
    const why = codecRule(ref);
    if (why !== null) return why;
  }
  if (target.kind === 'builtin') return builtinRule(room);
  if (target.kind === 'package') return packageRule(ref, room, target.name);
  return projectRule(ref, room, target.path);
};

/**
 * Imports that break a rule today and are being moved by another branch: each is allowed until its move lands,
 * and the check fails once an entry matches no offending import any more, so it is removed.
 */
export interface PendingMove {
  file: string;
  specifier: string;
  until: string;
}

export const isPending = (ref: ImportRef, pending: readonly PendingMove[]): boolean =>
  pending.some((move) => move.file === ref.file && move.specifier === ref.specifier);

/** Every problem of one source file: the file's own, or each import that breaks a rule and is not pending. */
export const problemsOf = (file: string, source: string, pending: readonly PendingMove[] = []): string[] => {
  const own = fileProblem(file);
  if (own !== null) return [own];
  return importsOf(file, source).flatMap((ref) => {
    const why = violation(ref);
    return why === null || isPending(ref, pending) ? [] : [`${ref.file}:${ref.line} imports ${ref.specifier}: ${why}`];
  });
};
