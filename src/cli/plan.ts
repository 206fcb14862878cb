/** From checked settings to the run plan: ids, prefix, seed, interpretations, capabilities. */
import { randomBytes, randomInt } from "node:crypto";
import type { RunSettings } from "../config/resolve.js";
import { chooseInterpretations, requirements } from "../harness/catalogue.js";
import { random } from "../random.js";
import type { RunPlan } from "../harness/run.js";
import { UsageError } from "../config/usage-error.js";
import { readExpectations, type ExpectationEntry } from "../config/expectations.js";
import { nearest } from "./nearest.js";
import { isRequirementId } from "../requirement-ids.js";

const DEVELOPER_ENV = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY", sessionToken: "AWS_SESSION_TOKEN" };
const BOUND_ENV = { accessKeyId: "COGNITO_SYNC_BOUND_ACCESS_KEY_ID", secretAccessKey: "COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY", sessionToken: "COGNITO_SYNC_BOUND_SESSION_TOKEN" };

export function developerCredentials(s: RunSettings) {
  if ((s.accessKeyId === undefined) !== (s.secretAccessKey === undefined)) {
    throw new UsageError("set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or credentials.accessKeyId and credentials.secretAccessKey in the config file), or neither");
  }
  return {
    // Placeholders serve servers that do not check signatures, and the embedded reference.
    accessKeyId: s.accessKeyId ?? "AKIDCONFORMANCE",
    secretAccessKey: s.secretAccessKey ?? "conformance-placeholder-secret",
    ...(s.sessionToken ? { sessionToken: s.sessionToken } : {}),
    envNames: DEVELOPER_ENV,
    ...(s.accessKeyId === undefined ? { placeholder: true as const } : {}),
  };
}

/** `stateUrl` is the configured one, or the embedded reference's when the run starts it. */
export function planRun(s: RunSettings, stateUrl: string | undefined, endpointLabel: string): RunPlan {
  const seed = s.seed ?? randomInt(0, 2 ** 31);
  // Ids come from the seed too, so --seed repeats every generated input exactly (values
  // derived from them included); the dataset prefix stays random, so runs never share data.
  const rnd = random(seed ^ 0x5eed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
  const freshId = () => `${s.region}:${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(rnd() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
  const hasBound = s.boundAccessKeyId !== undefined || s.boundSecretAccessKey !== undefined;
  if (hasBound && (s.boundAccessKeyId === undefined || s.boundSecretAccessKey === undefined)) {
    throw new UsageError(
      "bound credentials need both COGNITO_SYNC_BOUND_ACCESS_KEY_ID and COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY (or boundCredentials.accessKeyId and .secretAccessKey)",
    );
  }
  if (hasBound && s.identityId === undefined) throw new UsageError("bound credentials belong to one identity: give its id with --identity-id");

  const bound: RunPlan["bound"] = hasBound
    ? {
        via: "config",
        credentials: {
          accessKeyId: s.boundAccessKeyId!,
          secretAccessKey: s.boundSecretAccessKey!,
          ...(s.boundSessionToken ? { sessionToken: s.boundSessionToken } : {}),
          envNames: BOUND_ENV,
        },
      }
    : stateUrl !== undefined
      ? { via: "state" }
      : { via: "none", reason: "no bound credentials configured (COGNITO_SYNC_BOUND_ACCESS_KEY_ID ...) and no --state-url to bind generated ones" };

  if (s.replay !== undefined && s.seed === undefined) throw new UsageError("--replay repeats the history printed with it: give the --seed printed with it too");
  if (s.replay !== undefined && !/^\d+(:\d+)*(@[\w+/]*:[\w+/]*)?$/.test(s.replay))
    throw new UsageError(`--replay takes the PATH printed with a failed history (like 0:3:1@AB:C), not '${s.replay}'`);

  return {
    expectations: s.expectations === undefined ? [] : knownRequirements(readExpectations(s.expectations), s.expectations),
    histories: s.replay !== undefined ? { count: 1, replay: s.replay } : { count: s.histories ?? 24 },
    races: { devices: s.concurrencyDevices ?? 4, parallelHistories: s.parallelHistories ?? 4 },
    keepData: s.keepData,
    endpointArgs: endpointArgs(s),
    region: s.region,
    endpointLabel,
    identityPoolId: s.identityPoolId ?? freshId(),
    identityId: s.identityId ?? freshId(),
    identityConfigured: s.identityId !== undefined,
    // A scenario holds up to 3 datasets and AWS allows 20 per identity: scenarios that share
    // a configured identity run 4 at a time; with an identity each, they run 16 at a time.
    concurrency: s.concurrency ?? (s.identityId !== undefined ? 4 : 16),
    otherIdentityId: s.otherIdentityId ?? freshId(),
    prefix: `csc-${randomBytes(4).toString("hex")}`,
    seed,
    interpretations: chooseInterpretations(s.interpretations),
    states: stateUrl !== undefined ? { available: true } : { available: false, reason: "no --state-url configured" },
    bound,
  };
}

/** The entries, once every requirement they name is one the catalogue has; else a usage error naming the nearest. */
function knownRequirements(entries: ExpectationEntry[], file: string): ExpectationEntry[] {
  for (const e of entries) {
    if (e.requirement !== undefined && !isRequirementId(e.requirement)) {
      throw new UsageError(
        `the expectations file ${file} names ${e.requirement}, which no requirement is; did you mean ${nearest(requirements.keys(), e.requirement).join(", ")}?`,
      );
    }
  }
  return entries;
}

/** What points a command at the endpoint of this run, secrets left in the environment. */
function endpointArgs(s: RunSettings): string[] {
  const quote = (v: string) => (/^[\w./:@%+=,-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  if (s.endpoint === undefined) return s.variant === undefined ? [] : ["--variant", quote(s.variant)];
  return [
    "--endpoint",
    quote(s.endpoint),
    ...(s.stateUrl === undefined ? [] : ["--state-url", quote(s.stateUrl)]),
    ...(s.region === "us-east-1" ? [] : ["--region", quote(s.region)]),
  ];
}
