/** A tiny argument parser: flags with values, boolean flags, positionals; unknown flags are errors. */
export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string>;
  flags: Set<string>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses `argv` given which options take a value and which are plain flags. */
export function parseArgs(argv: readonly string[], spec: { values?: readonly string[]; flags?: readonly string[] }): ParsedArgs {
  const out: ParsedArgs = { positionals: [], values: {}, flags: new Set() };
  const values = new Set(spec.values ?? []);
  const flags = new Set(spec.flags ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (values.has(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value`);
        out.values[name] = value;
      } else if (flags.has(name) && inline === undefined) out.flags.add(name);
      else throw new UsageError(`unknown option ${name}`);
    } else out.positionals.push(arg);
  }
  return out;
}
