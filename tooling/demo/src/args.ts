export type Vendor = 'cos' | 'bos' | 'oos' | 'nos';

export interface DemoArgs {
  /** MiB; default 256. */
  sizeMiB: number;
  vendors: Vendor[];
  real: boolean;
  help: boolean;
}

export const USAGE = `pnpm demo [--size <MiB>] [--vendor cos,bos,oos,nos] [--real]

  --size <MiB>      size of the generated file (default 256)
  --vendor <list>   walk only these vendors (default: all four)
  --real            use real accounts from environment variables instead of
                    the bundled emulator (see tooling/demo/README.md)
`;

const ALL: readonly Vendor[] = ['cos', 'bos', 'oos', 'nos'];

/** Parses argv (without node and the script); throws a message naming the bad flag. */
export function parseArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { sizeMiB: 256, vendors: [...ALL], real: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    if (flag === '--size') {
      const raw = value();
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0 || n > 100 * 1024) throw new Error(`--size must be a number of MiB between 0 and 102400, got ${raw}`);
      args.sizeMiB = n;
    } else if (flag === '--vendor' || flag === '--vendors') {
      const list = value()
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      const bad = list.filter((v) => !ALL.includes(v as Vendor));
      if (bad.length > 0 || list.length === 0) throw new Error(`--vendor takes cos, bos, oos, nos; got ${bad.join(', ') || 'nothing'}`);
      args.vendors = list as Vendor[];
    } else if (flag === '--real') args.real = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
  }
  return args;
}
