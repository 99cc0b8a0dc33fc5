/**
 * # lucidc — the compiler and lister (like `luac`)
 *
 * Responsibility: the command line of `bin/lucidc.mjs`: check syntax (`-p`),
 * print the AST (`--ast`), list bytecode in luac's layout (`-l`, `-l -l`),
 * and write binary chunks (`-o`, `-s`).
 *
 * Manual: `luac(1)`; PUC-Rio counterpart: `luac.c`.
 *
 * Invariant: source files are read as bytes (latin1), never decoded as
 * UTF-8; everything printed is written back as the same bytes. Files and
 * the standard streams are a Node platform's (src/platform/node.ts), as
 * the interpreter's are.
 *
 * Read next: `src/parser/index.ts`, `src/compiler/index.ts`,
 * `src/bytecode/listing.ts`.
 */
import { nodePlatform } from '../platform/node.ts';
import { bytesToLua, toLuaString } from '../api/interop.ts';
import { parse, astToJSON } from '../parser/index.ts';
import { compile } from '../compiler/index.ts';
import { listing } from '../bytecode/listing.ts';
import { dump } from '../bytecode/dump.ts';
import type { Proto } from '../bytecode/proto.ts';
import { LUCID_VERSION, LUA_COPYRIGHT } from '../version.ts';
import { cannotOpen } from '../lib/errno.ts';

const PROGNAME = 'lucidc';
/** Where lucidc reads and writes: standard output buffered until the end. */
const platform = nodePlatform({ stdout: 'buffered' });

const USAGE = `usage: ${PROGNAME} [options] [filenames]
Available options are:
  -l       list (use -l -l for full listing)
  -o name  output to file 'name' (default is "luac.out")
  -p       parse only
  -s       strip debug information
  -v       show version information
  --ast    print the syntax tree as JSON
  --       stop handling options
  -        stop handling options and process stdin
`;

interface Options {
  listing: number;
  output: string;
  parseOnly: boolean;
  strip: boolean;
  version: boolean;
  ast: boolean;
  files: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    listing: 0, output: 'luac.out', parseOnly: false, strip: false,
    version: false, ast: false, files: [],
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a === '-') break;                 // stdin is a file name here
    if (!a.startsWith('-')) break;
    if (a === '-l') o.listing++;
    else if (a === '-p') o.parseOnly = true;
    else if (a === '-s') o.strip = true;
    else if (a === '-v') o.version = true;
    else if (a === '--ast') o.ast = true;
    else if (a === '-o') {
      const name = argv[++i];
      if (name === undefined || (name.startsWith('-') && name !== '-')) {
        throw new UsageError("'-o' needs argument");
      }
      o.output = name;
    } else throw new UsageError(`unrecognized option '${a}'`);
  }
  o.files = argv.slice(i);
  return o;
}

/** A source file's bytes and chunk name (`file` is JS text, as the command line gives it). */
function readSource(file: string): { source: string; chunkname: string } {
  if (file === '-') {
    return { source: platform.stdin.readAll(), chunkname: '=stdin' };
  }
  const name = toLuaString(file);
  try {
    return { source: platform.readFile(name), chunkname: '@' + name };
  } catch (e) {
    throw new CliError(cannotOpen(name, e));
  }
}

class CliError extends Error {}

/** Bytes to stdout. */
function write(s: string): void {
  platform.stdout.write(s);
}

/** Bytes to stderr, after what stdout holds. */
function writeError(s: string): void {
  platform.stdout.flush();
  platform.stderr.write(s);
}

/**
 * Several files make one main function that runs each in order (luac's
 * combine): the main chunk of `(function()end)();` repeated, whose
 * nested functions are replaced by the files' main functions; their
 * `_ENV` becomes the combined main's upvalue.
 */
function combine(protos: Proto[]): Proto {
  if (protos.length === 1) return protos[0];
  const main = compile(parse('(function()end)();\n'.repeat(protos.length), '=(luac)'));
  protos.forEach((p, i) => {
    if (p.upvalues.length > 0) p.upvalues[0].instack = false;
    main.protos[i] = p;
  });
  return main;
}

function main(argv: string[]): number {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      writeError(toLuaString(`${PROGNAME}: ${e.message}\n${USAGE}`));
      return 1;
    }
    throw e;
  }
  if (o.version) write(`${LUCID_VERSION}  ${LUA_COPYRIGHT}\n`);
  if (o.files.length === 0) {
    if (o.version) return 0;
    writeError(`${PROGNAME}: no input files given\n${USAGE}`);
    return 1;
  }
  try {
    const chunks = o.files.map((f) => {
      const { source, chunkname } = readSource(f);
      return parse(source, chunkname);
    });
    if (o.ast) {
      for (const c of chunks) write(astToJSON(c) + '\n');
      return 0;
    }
    // luac compiles even with -p: compile-time errors (goto, const) count
    const protos = chunks.map((c) => compile(c));
    const main = combine(protos);
    if (o.listing > 0) write(listing(main, o.listing > 1));
    if (o.parseOnly) return 0;
    const bytes = bytesToLua(dump(main, o.strip));
    if (o.output === '-') {
      write(bytes);
    } else {
      const name = toLuaString(o.output);
      try {
        const f = platform.open(name, 'w');
        try { f.write(bytes); } finally { f.close(); }
      } catch (e) {
        throw new CliError(`cannot open ${name}`);
      }
    }
    return 0;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    writeError(`${PROGNAME}: ${msg}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
platform.stdout.flush();
