/** Turns flags, environment and an optional config file into one checked set of run settings. */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.js";
import { settings, type Setting } from "./settings.js";

export interface RunSettings {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  identityPoolId?: string;
  identityId?: string;
  otherIdentityId?: string;
  boundAccessKeyId?: string;
  boundSecretAccessKey?: string;
  boundSessionToken?: string;
  stateUrl?: string;
  timeoutMs: number;
  /** Seconds. */
  runTimeout: number;
  concurrency?: number;
  grep?: string;
  reportJson?: string;
  reportJunit?: string;
  reportHtml?: string;
  seed?: number;
  histories?: number;
  parallelHistories?: number;
  concurrencyDevices?: number;
  replay?: string;
  strict: boolean;
  requireAll: boolean;
  expectations?: string;
  strictExpectations: boolean;
  writeExpectations?: string;
  quiet: boolean;
  keepData: boolean;
  interpretations: Record<string, string>;
  variant?: string;
  list: boolean;
  help: boolean;
  version: boolean;
  /** Where each setting that was given came from ("--endpoint", "$AWS_ENDPOINT_URL", "'endpoint' in FILE"). */
  origins: Record<string, string>;
}

type Raw = string | boolean | string[] | number | Record<string, unknown>;

export function resolveSettings(argv: readonly string[], env: NodeJS.ProcessEnv): RunSettings {
  const flags = parseFlags(argv);
  const configPath = typeof flags.config === "string" ? flags.config : undefined;
  const file = configPath === undefined ? {} : readConfigFile(configPath);
  const out: Record<string, unknown> = {
    region: "us-east-1",
    timeoutMs: 10_000,
    runTimeout: 300,
    strict: false,
    requireAll: false,
    strictExpectations: false,
    quiet: false,
    keepData: false,
    interpretations: {},
    list: false,
    help: flags.help === true,
    version: flags.version === true,
    origins: {},
  };

  for (const s of settings) {
    const fromFlag = s.flag === undefined ? undefined : flags[s.flag];
    const envName = s.env?.find((name) => env[name] !== undefined && env[name] !== "");
    const fromFile = s.file === undefined ? undefined : lookup(file, s.file);
    const sources: Array<[unknown, string, boolean]> = [
      [fromFile, `'${s.file}' in ${configPath}`, true],
      [envName === undefined ? undefined : env[envName], `$${envName}`, false],
      [fromFlag, `--${s.flag}`, false],
    ].filter(([value]) => value !== undefined) as Array<[unknown, string, boolean]>;
    if (s.kind === "pairs") {
      // NAME=CHOICE pairs merge, later sources winning name by name.
      for (const [value, where, isFile] of sources) {
        out[s.key] = { ...(out[s.key] as object), ...(convert(s, value as Raw, where, isFile) as object) };
        (out.origins as Record<string, string>)[s.key] = where;
      }
    } else if (sources.length > 0) {
      const [value, where, isFile] = sources[sources.length - 1]!; // the flag, else the environment, else the file
      out[s.key] = convert(s, value as Raw, where, isFile);
      (out.origins as Record<string, string>)[s.key] = where;
    }
  }
  return out as unknown as RunSettings;
}

/** Flags that were renamed, with their new name: a user's old script gets told the new one. */
const RENAMED: Record<string, string> = { "--reference-variant": "--variant" };

function parseFlags(argv: readonly string[]): Record<string, Raw | undefined> {
  const old = argv.map((a) => a.split("=")[0]!).find((a) => Object.hasOwn(RENAMED, a));
  if (old) throw new UsageError(`${old} is now ${RENAMED[old]}`);
  const options: NonNullable<ParseArgsConfig["options"]> = { config: { type: "string" }, help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } };
  for (const s of settings) {
    if (s.flag === undefined) continue;
    options[s.flag] = s.kind === "boolean" ? { type: "boolean" } : s.kind === "pairs" ? { type: "string", multiple: true } : { type: "string" };
  }
  // A negative number after a numeric flag reads as an option to Node's parser; joined, it gets the suite's own message.
  const numeric = new Set(settings.flatMap((s) => (s.kind === "integer" && s.flag ? [`--${s.flag}`] : [])));
  const args = argv.flatMap((a, i) => (numeric.has(argv[i - 1] ?? "") && /^-\d/.test(a) ? [] : numeric.has(a) && /^-\d/.test(argv[i + 1] ?? "") ? [`${a}=${argv[i + 1]}`] : [a]));
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, Raw | undefined>;
  } catch (e) {
    throw new UsageError(`${oneLine((e as Error).message)}; see --help`);
  }
}

/** Node's argument parser sometimes explains over several lines; a usage error is one. */
export const oneLine = (message: string) => message.replace(/\s*\n\s*/g, " ");

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError(`config file ${path} must hold a JSON object`);
  const known = new Set(settings.flatMap((s) => (s.file ? [s.file] : [])));
  for (const key of leafKeys(parsed as Record<string, unknown>)) {
    if (!known.has(key) && ![...known].some((k) => key.startsWith(`${k}.`))) {
      throw new UsageError(`config file ${path}: unknown setting '${key}' (known: ${[...known].join(", ")})`);
    }
  }
  return parsed as Record<string, unknown>;
}

/** Dotted paths of the file's settings; objects are walked except where a setting takes a whole object. */
function leafKeys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    // A key with a dot in it would pass the check below yet never be read: nest objects instead.
    const path = `${prefix}${k.includes(".") ? `${k} (write it as nested objects)` : k}`;
    const takesObject = settings.some((s) => s.file === path && s.kind === "pairs");
    return typeof v === "object" && v !== null && !Array.isArray(v) && !takesObject ? leafKeys(v as Record<string, unknown>, `${path}.`) : [path];
  });
}

const lookup = (obj: Record<string, unknown>, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined), obj);

/** Flags and environment variables are text; a config file must use JSON's own types. */
function convert(s: Setting, value: Raw, where: string, isFile: boolean): unknown {
  const fail = (what: string) => new UsageError(`${where} ${what}, not ${JSON.stringify(value)}`);
  switch (s.kind) {
    case "string":
      if (typeof value !== "string" || value === "") throw fail("must be a non-empty string");
      return value;
    case "base-url":
    case "url": {
      if (typeof value !== "string") throw fail("must be a URL");
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw fail("must be an http:// or https:// URL");
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") throw fail("must be an http:// or https:// URL");
      // A base URL gets paths appended, so a trailing slash would double; a full URL stays as given.
      return s.kind === "base-url" ? value.replace(/\/+$/, "") : value;
    }
    case "integer": {
      const n = typeof value === "number" ? value : typeof value === "string" && !isFile && /^\d+$/.test(value) ? Number(value) : NaN;
      const min = s.min ?? 1;
      const range = s.max !== undefined ? ` from ${min} to ${s.max}` : min === 0 ? ", 0 or more" : min === 1 ? " above 0" : `, ${min} or more`;
      if (!Number.isSafeInteger(n) || n < min || (s.max !== undefined && n > s.max)) throw fail(`must be a whole number${range}`);
      return n;
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      throw fail("must be true or false");
    case "pairs": {
      if (isFile && (typeof value !== "object" || value === null || Array.isArray(value))) throw fail("must be an object of NAME: CHOICE");
      if (typeof value === "object" && !Array.isArray(value)) {
        for (const v of Object.values(value)) if (typeof v !== "string") throw fail("must map names to strings");
        return value;
      }
      const pairs: Record<string, string> = {};
      for (const item of value as string[]) {
        const m = /^([\w-]+)=([\w-]+)$/.exec(item);
        if (!m) throw new UsageError(`${where} takes NAME=CHOICE, not '${item}'`);
        pairs[m[1]!] = m[2]!;
      }
      return pairs;
    }
  }
}
