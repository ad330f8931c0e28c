import ts from 'typescript';

/**
 * Electron's Node is built on BoringSSL, not OpenSSL: asked for an algorithm BoringSSL lacks (SM3, SM4, …),
 * `node:crypto` throws "Digest method not supported" — under Electron only, never in a test on plain Node. So the
 * algorithms named in code that Electron loads are read from the source and checked against what BoringSSL has.
 */

/** Digests BoringSSL's EVP knows by name (crypto.createHash, createHmac, hkdf, pbkdf2, sign/verify). */
const DIGESTS = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256']);
/** Ciphers BoringSSL offers through Node's createCipheriv. */
const CIPHERS = new Set([
  'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc',
  'aes-128-ctr', 'aes-192-ctr', 'aes-256-ctr',
  'aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm',
  'aes-128-ecb', 'aes-256-ecb', 'aes-128-ofb', 'aes-256-ofb',
  'chacha20-poly1305', 'des-ede3-cbc',
]);

/** Which argument names the algorithm, and which list it must be in. */
const ALGORITHM_ARGUMENT: Readonly<Record<string, { index: number; known: ReadonlySet<string> }>> = {
  createHash: { index: 0, known: DIGESTS },
  createHmac: { index: 0, known: DIGESTS },
  hkdf: { index: 0, known: DIGESTS },
  hkdfSync: { index: 0, known: DIGESTS },
  pbkdf2: { index: 4, known: DIGESTS },
  pbkdf2Sync: { index: 4, known: DIGESTS },
  createSign: { index: 0, known: DIGESTS },
  createVerify: { index: 0, known: DIGESTS },
  createCipheriv: { index: 0, known: CIPHERS },
  createDecipheriv: { index: 0, known: CIPHERS },
};

export interface CryptoFinding {
  file: string;
  line: number;
  call: string;
  why: string;
}

const isNodeCrypto = (specifier: string) => specifier === 'node:crypto' || specifier === 'crypto';

/**
 * Every call of a `node:crypto` function that takes an algorithm, whose algorithm is not a string literal BoringSSL
 * has. Calls through a namespace import (`crypto.createHash`) count as much as named imports.
 */
export const electronCryptoFindings = (file: string, source: string): CryptoFinding[] => {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !isNodeCrypto(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name !== undefined) namespaces.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings !== undefined && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) named.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  const findings: CryptoFinding[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? named.get(callee.text)
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text)
          ? callee.name.text
          : undefined;
      const rule = name === undefined ? undefined : ALGORITHM_ARGUMENT[name];
      if (name !== undefined && rule !== undefined) {
        const argument = node.arguments[rule.index];
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        if (argument === undefined || !ts.isStringLiteralLike(argument)) {
          findings.push({ file, line, call: name, why: 'the algorithm is not a string literal, so nobody can check that Electron has it' });
        } else if (!rule.known.has(argument.text.toLowerCase())) {
          findings.push({ file, line, call: name, why: `Electron's BoringSSL has no ${argument.text} (use sm-crypto-v2 for the national algorithms)` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
};
