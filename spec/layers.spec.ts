/**
 * The core runs without Node: no module of value, object, gc, parser,
 * compiler, vm, api, bytecode or lib imports a Node built-in (`node:fs`,
 * `fs`, ...) or uses Node's globals (`process`, `Buffer`, `setImmediate`,
 * ...). Only
 * src/platform/ (the Node platform) and src/cli/ touch the host system.
 * The check reads each module's syntax tree (TypeScript's parser), so
 * comments, strings and names such as `obj.process` or `TokenBuffer` do
 * not count.
 *
 * Manual: none — lucid's layering (docs/architecture.md); what the host
 * system provides to §6.3, §6.8 and §6.9 goes through src/api/platform.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isBuiltin } from 'node:module';
import ts from 'typescript';

const src = path.resolve(import.meta.dirname, '../src');
const CORE = ['value', 'bytecode', 'object', 'gc', 'parser', 'compiler', 'vm', 'api', 'lib'];
/** Node's own globals: what a browser lacks. */
const NODE_GLOBALS = new Set(['process', 'Buffer', 'setImmediate', 'clearImmediate', '__dirname', '__filename']);

function modules(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...modules(p));
    else if (/\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Is this identifier a name of something else (a property, a declaration) rather than a use of a global? */
function isNotAReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) ||
    ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isVariableDeclaration(p) ||
    ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) ||
    ts.isEnumMember(p) || ts.isBindingElement(p)) && p.name === id) return true;
  return false;
}

/** What in `file` touches Node: "line: what" for each. */
function nodeUses(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node) => `${path.relative(src, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const visit = (n: ts.Node): void => {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) spec = n.moduleSpecifier;
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) spec = n.arguments[0];
    if (spec !== undefined && ts.isStringLiteralLike(spec) && isBuiltin(spec.text)) {
      found.push(`${at(n)}: imports ${spec.text}`);
    }
    if (ts.isIdentifier(n) && NODE_GLOBALS.has(n.text) && !isNotAReference(n)) {
      found.push(`${at(n)}: uses the global ${n.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

test('the check finds what it looks for', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucid-layers-'));
  try {
    const f = path.join(dir, 'probe.ts');
    fs.writeFileSync(f, [
      "import * as fs from 'node:fs';",
      "import { spawn } from 'child_process';",
      "// process.exit(1) in a comment, 'Buffer' in a string",
      'const obj = { process: 1 }; obj.process; class TokenBuffer {}',
      'process.stdout.write(Buffer.from("x"));',
      "const m = await import('node:os');",
    ].join('\n'));
    assert.equal(nodeUses(f).map((s) => s.replace(/^.*probe\.ts:/, '')), [
      '1: imports node:fs', '2: imports child_process',
      '5: uses the global process', '5: uses the global Buffer', '6: imports node:os',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const layer of CORE) {
  test(`src/${layer} does not touch Node (no node: imports, no process, Buffer or setImmediate)`, () => {
    const uses = modules(path.join(src, layer)).flatMap(nodeUses);
    assert.equal(uses, [], `\n${uses.join('\n')}`);
  });
}

test('the package entry for browsers and its surface import nothing of Node, directly or not', () => {
  // follow the relative imports from src/browser.ts: every module reached must be free of Node
  const seen = new Set<string>();
  const uses: string[] = [];
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    uses.push(...nodeUses(file));
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) ? st.moduleSpecifier : undefined;
      if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) walk(path.resolve(path.dirname(file), spec.text));
    }
  };
  walk(path.join(src, 'browser.ts'));
  assert.ok(seen.has(path.join(src, 'platform/browser.ts')));
  assert.equal(uses, [], `\n${uses.join('\n')}`);
});

test.run();
