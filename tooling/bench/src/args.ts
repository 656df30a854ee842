/** Command-line flags of `pnpm bench`. */
export interface BenchArgs {
  quick: boolean;
  /** Row-id patterns (`signing`, `signing.cos`, `*.cos`); empty = everything. */
  only: string[];
  /** Output folder for results.md / results.svg; undefined = `<repo>/bench`. */
  out: string | undefined;
  /** Set when the process was started by the benchmark itself to measure one thing in isolation. */
  child: string[] | undefined;
  /** `--size <MiB>`: object size of the sink.* large rows (default 1024, 256 with --quick). */
  sizeMiB: number | undefined;
  /** `--rounds <n>`: alternating rounds of the sink.* rows (default 3, 1 with --quick). */
  rounds: number | undefined;
  help: boolean;
}

export const USAGE = `pnpm bench [--quick] [--only <pattern>[,<pattern>...]] [--out <dir>] [--size <MiB>] [--rounds <n>]

  --quick           reduced set (smaller sizes, fewer rounds), under two minutes
  --only <pattern>  run only rows whose id matches: a group (signing), a row
                    (signing.cos) or a glob (*.cos); repeatable, comma-separated
  --out <dir>       where results.md and results.svg go (default: <repo>/bench)
  --size <MiB>      object size of the sink.* large rows (default 1024, 256 with --quick)
  --rounds <n>      alternating rounds of the sink.* rows (default 3, 1 with --quick)
`;

/** Parses argv (without node and the script path); throws a clear error on bad input. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: [], out: undefined, child: undefined, help: false, sizeMiB: undefined, rounds: undefined };
  const positive = (flag: string, text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${JSON.stringify(text)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--only')
      args.only.push(
        ...value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (arg.startsWith('--only='))
      args.only.push(
        ...arg
          .slice(7)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (arg === '--out') args.out = value();
    else if (arg === '--size') args.sizeMiB = positive(arg, value());
    else if (arg === '--rounds') args.rounds = positive(arg, value());
    else if (arg === '--child') {
      args.child = argv.slice(i + 1);
      break;
    } else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
  }
  return args;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * True when row id `name` is selected by the patterns: no pattern selects
 * everything; a pattern matches the id itself, any id below it
 * (`signing` → `signing.cos`), or as a glob.
 */
export function matchesOnly(patterns: readonly string[], name: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => name === p || name.startsWith(`${p}.`) || globToRegExp(p).test(name));
}

/** True when some row under group `group` could be selected (to skip whole groups early). */
export function groupSelected(patterns: readonly string[], group: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => globToRegExp(p.split('.')[0]!).test(group));
}

/** The command that reproduces one row (with the run's size and rounds when they were given). */
export function reproduceCommand(name: string, quick: boolean, extra: { sizeMiB?: number | undefined; rounds?: number | undefined } = {}): string {
  const flags = `${extra.sizeMiB !== undefined ? ` --size ${extra.sizeMiB}` : ''}${extra.rounds !== undefined ? ` --rounds ${extra.rounds}` : ''}`;
  return `pnpm bench${quick ? ' --quick' : ''}${flags} --only ${name}`;
}
