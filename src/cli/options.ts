/**
 * # The interpreter's command line
 *
 * Responsibility: reading `lucid [options] [script [args]]` as lua.c's
 * `collectargs` does — which options are set, where the script is, and
 * the message and usage text for a bad option.
 *
 * Manual: §7 (Lua standalone). PUC-Rio counterpart: `collectargs` and
 * `print_usage` in `lua.c`.
 *
 * Invariant: options are only recognised before the script name; `--`
 * ends them, and `-` means "the script is stdin".
 *
 * Read next: `lucid.ts`.
 */

/**
 * What the command line asked for.
 *
 * @property e - `-e stat` was given: run the statements (lua.c's has_e).
 * @property i - `-i`: enter interactive mode after running the script.
 * @property v - `-v`: print the version line.
 * @property E - `-E`: ignore the environment variables `LUA_INIT`, `LUA_PATH` and `LUA_CPATH`.
 * @property W - `-W`: turn warnings on.
 * @property testlib - `--testlib`: open the test library `T` (as `LUCID_TESTLIB=1` does).
 * @property noCompat - `--no-compat`: strict Lua 5.4, without the Lua 5.3 compatibility the release build has (as `LUCID_COMPAT=0` does).
 */
export interface Options {
  /** Index in argv of the script (argv.length when there is none). */
  script: number;
  e: boolean; i: boolean; v: boolean; E: boolean; W: boolean;
  /**
   * lucid's own: `--trace` prints each instruction (src/vm/trace.ts);
   * `--testlib` opens `T`; `--no-compat` turns Lua 5.3 compatibility off
   * (strict 5.4, `LuaStateOptions.compat`).
   */
  trace?: boolean; testlib?: boolean; noCompat?: boolean;
}

/**
 * The outcome: options, or the text of a usage error. Test `ok` first:
 * `options` when true, `message` (the error lua.c prints before the usage) when false.
 */
export type Parsed = { ok: true; options: Options } | { ok: false; message: string };

/** The usage text lua.c prints after a bad option, with the program's name. */
export function usage(progname: string): string {
  return `usage: ${progname} [options] [script [args]]\n` +
    'Available options are:\n' +
    "  -e stat   execute string 'stat'\n" +
    "  -i        enter interactive mode after executing 'script'\n" +
    "  -l mod    require library 'mod' into global 'mod'\n" +
    "  -l g=mod  require library 'mod' into global 'g'\n" +
    '  -v        show version information\n' +
    '  -E        ignore environment variables\n' +
    '  -W        turn warnings on\n' +
    '  --        stop handling options\n' +
    '  -         stop handling options and execute stdin\n';
}

/** Parse argv (without the interpreter itself): lua.c's collectargs. */
export function parseOptions(argv: string[], progname: string): Parsed {
  const o: Options = { script: argv.length, e: false, i: false, v: false, E: false, W: false };
  const bad = (opt: string): Parsed => ({
    ok: false,
    message: `${progname}: ` + (opt[1] === 'e' || opt[1] === 'l'
      ? `'${opt}' needs argument\n` : `unrecognized option '${opt}'\n`) + usage(progname),
  });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a[0] !== '-') { o.script = i; return { ok: true, options: o }; }
    switch (a[1]) {
      case '-':
        if (a === '--trace') { o.trace = true; break; }
        if (a === '--testlib') { o.testlib = true; break; }
        if (a === '--no-compat') { o.noCompat = true; break; }
        if (a.length > 2) return bad(a);
        o.script = i + 1;
        return { ok: true, options: o };
      case undefined:
        o.script = i;   // '-': stdin is the script
        return { ok: true, options: o };
      case 'E': if (a.length > 2) return bad(a); o.E = true; break;
      case 'W': if (a.length > 2) return bad(a); o.W = true; break;
      case 'i': if (a.length > 2) return bad(a); o.i = true; o.v = true; break;
      case 'v': if (a.length > 2) return bad(a); o.v = true; break;
      case 'e': case 'l':
        if (a[1] === 'e') o.e = true;
        if (a.length === 2) {
          i++;
          if (i >= argv.length || argv[i][0] === '-') return bad(a);
        }
        break;
      default:
        return bad(a);
    }
  }
  return { ok: true, options: o };
}
