/**
 * The command line's flags, and a parser for the plain shapes of a command line that gives
 * what meow gives for them without loading meow: importing meow (yargs-parser and
 * normalize-package-data, evaluated at load) costs about 60 ms, a third of the time
 * before the dashboard's first frame. Everything else (--help, --version, unknown, repeated
 * or negated flags, `--`, values that look like flags) is meow's to parse and report.
 */

/** The flags, as meow's `flags` option (cli.tsx) declares them. */
export const FLAGS = {
  maxSteps: { type: 'string' },
  timeout: { type: 'string' },
  memoryLimit: { type: 'string' },
  check: { type: 'boolean' },
  paused: { type: 'boolean', default: false },
  speed: { type: 'string' },
  record: { type: 'string' },
  output: { type: 'boolean', default: false },
} as const;

type FlagName = keyof typeof FLAGS;

/** The flags' values, camel-cased (absent string flags are undefined). */
export type Flags = {
  readonly maxSteps?: string;
  readonly timeout?: string;
  readonly memoryLimit?: string;
  readonly check?: boolean;
  readonly paused: boolean;
  readonly speed?: string;
  readonly record?: string;
  readonly output: boolean;
};

/** What meow's result holds of a command line: the arguments and the flags. */
export type CommandLine = {
  readonly input: string[];
  readonly flags: Flags;
};

/** --max-steps → maxSteps, for the flags above only. */
const BY_OPTION = new Map<string, FlagName>(
  (Object.keys(FLAGS) as FlagName[]).map((name) => [`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, name]),
);

/**
 * `argv` (without node and the script) parsed as meow parses it, or null when it is not one
 * of the plain shapes: arguments that do not start with '-', each known boolean flag as
 * `--name` and each known string flag as `--name VALUE` or `--name=VALUE` (a value that is
 * not empty and does not start with '-'), every flag at most once.
 */
export function parsePlainCommandLine(argv: readonly string[]): CommandLine | null {
  const input: string[] = [];
  const flags: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      input.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = BY_OPTION.get(eq < 0 ? arg : arg.slice(0, eq));
    if (name === undefined || name in flags) return null;
    if (FLAGS[name].type === 'boolean') {
      if (eq >= 0) return null;
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    flags[name] = value;
  }
  // meow's booleanDefault (false) for boolean flags that were not given.
  for (const name of Object.keys(FLAGS) as FlagName[]) {
    const flag = FLAGS[name];
    if (flag.type === 'boolean' && !(name in flags)) flags[name] = 'default' in flag ? flag.default : false;
  }
  return { input, flags: flags as Flags };
}
