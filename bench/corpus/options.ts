/**
 * Command-line options of the corpus and dev-set scripts: `--name value` and
 * `--flag`, nothing else, so that both scripts read the same way.
 */
import * as path from "node:path";

export interface OptionSpec {
  /** Options that take a value, e.g. "mirrors". */
  values: string[];
  /** Options that take none, e.g. "write-untriaged". */
  flags: string[];
  usage: string;
}

export interface ParsedOptions {
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseOptions(argv: string[], spec: OptionSpec): ParsedOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(spec.usage);
      process.exit(0);
    } else if (spec.values.includes(name)) {
      const value = argv[++i];
      if (value === undefined) usageError(spec, `${arg} needs a value`);
      values.set(name, value);
    } else if (spec.flags.includes(name)) {
      flags.add(name);
    } else {
      usageError(spec, `unknown argument ${arg}`);
    }
  }
  return { values, flags };
}

/** An option naming a path, resolved against the directory the script was started in. */
export function pathOption(options: ParsedOptions, name: string, fallback: string | null, spec: OptionSpec): string {
  const value = options.values.get(name) ?? fallback;
  if (value === null) usageError(spec, `--${name} is required`);
  return path.resolve(value);
}

export function usageError(spec: OptionSpec, message: string): never {
  process.stderr.write(`${message}\n${spec.usage}`);
  process.exit(2);
}
