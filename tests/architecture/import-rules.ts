import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/**
 * The arrows of ../shared/design/architecture.md, as code: which room may import which. Files are named by
 * their project-relative path with forward slashes.
 */

export interface ImportRef {
  file: string;
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/** Every import, re-export, dynamic import() and require() of a source file. */
export const importsOf = (file: string, source: string): ImportRef[] => {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier === undefined || !ts.isStringLiteralLike(specifier)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    refs.push({ file, specifier: specifier.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allNamedAreTypes =
        clause !== undefined &&
        clause.name === undefined &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly);
      add(node, node.moduleSpecifier, clause?.isTypeOnly === true || allNamedAreTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
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

const under = (file: string, ...rooms: string[]) => rooms.some((room) => file === room || file.startsWith(`${room}/`));

const SERVICES = ['main/session', 'main/catalogue', 'main/cases', 'main/lockers', 'main/platform', 'main/fleet', 'main/storage', 'main/audit'];
const SHELLS = ['main/shell', 'main/browser-shell'];
/** Packages that only make sense in the host: never in the page, never in a codec. */
const HOST_ONLY_PACKAGES = ['electron', 'ws', 'pino', 'better-sqlite3', 'serialport', 'node-hid', 'mqtt'];

/** Why this import points the wrong way, or null when it is allowed. */
export const violation = (ref: ImportRef): string | null => {
  const { file } = ref;
  const target = resolveTarget(ref);
  const to = target.kind === 'project' ? target.path : target.name;

  if (target.kind === 'package' && target.name === 'electron') {
    if (under(file, 'main/shell')) return null;
    if (under(file, 'tests') && ref.typeOnly) return null;
    return 'only main/shell imports electron';
  }

  if (under(file, 'main/browser-shell/page')) {
    // Bundled into the page: nothing of the host's, no packages, only the contract's types and the frame constants.
    if (target.kind !== 'project') return 'the page bridge runs in Chromium: it imports no packages and no Node modules';
    if (under(to, 'main/browser-shell/page') || to === 'main/browser-shell/ws-frames.ts') return null;
    if (under(to, 'main/api')) return ref.typeOnly ? null : 'the page bridge imports main/api with `import type` only';
    return 'the page bridge imports only the contract types and ws-frames.ts';
  }

  if (under(file, 'renderer')) {
    if (target.kind === 'builtin') return 'the renderer never imports Node modules';
    if (target.kind === 'package') return HOST_ONLY_PACKAGES.includes(target.name) ? `the renderer cannot use ${target.name}` : null;
    if (under(to, 'renderer')) return null;
    if (under(to, 'main/api')) return ref.typeOnly ? null : 'the renderer imports main/api with `import type` only';
    return 'the renderer imports only renderer/ and (type-only) main/api';
  }

  if (under(file, 'drivers')) {
    if (target.kind === 'package' && ['react', 'react-dom', 'better-sqlite3', 'i18next'].includes(target.name)) {
      return `drivers do not use ${target.name}`;
    }
    if (target.kind === 'project' && !under(to, 'drivers')) return 'drivers import nothing of ours outside drivers/';
    return null;
  }

  if (target.kind !== 'project') return null;

  if (under(file, 'main/api')) return under(to, 'main/api') ? null : 'main/api is the bottom of the house: it imports only itself';
  if (under(file, 'main/common')) return under(to, 'main/common') ? null : 'main/common imports nothing of ours';
  if (under(file, 'reference-platform')) {
    return under(to, 'reference-platform') ? null : 'the reference platform stands for an outside system: it imports nothing of the kiosk';
  }
  if (under(file, 'kiosk-config') && !under(file, 'kiosk-config/kioskctl')) {
    return under(to, 'kiosk-config', 'main/api') ? null : 'the config schema imports only main/api';
  }
  if (under(to, 'renderer') && !under(file, 'tests')) return 'only the renderer imports the renderer';
  if (under(to, 'tests') && !under(file, 'tests', 'bench')) return 'product code never imports tests';

  const isService = under(file, ...SERVICES);
  if (isService) {
    if (under(to, 'main/host', ...SHELLS, 'kiosk-config')) return 'services do not import the host, the shells or kiosk-config';
    if (under(to, 'drivers/transport')) return 'services reach devices through driver interfaces, never a transport';
    return null;
  }
  if (under(file, 'main/host')) return under(to, ...SHELLS) ? 'the host never imports a shell (shells import the host)' : null;
  if (under(file, 'main/shell')) return under(to, 'main/browser-shell', 'demo') ? 'the Electron shell does not import the other shells' : null;
  if (under(file, 'main/browser-shell')) return under(to, 'main/shell', 'demo') ? 'the browser shell does not import the other shells' : null;
  if (under(file, 'demo')) return under(to, 'main/shell') ? 'the launcher starts Electron as a process; it never imports main/shell' : null;
  return null;
};
