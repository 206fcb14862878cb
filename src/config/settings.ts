/**
 * Every setting of a conformance run, in one table: its flag, environment variables and
 * config-file key, so that parsing, precedence and --help can never disagree.
 * Precedence: flag, then environment, then config file, then default.
 */
export type Kind = "base-url" | "url" | "string" | "integer" | "boolean" | "pairs";

export interface Setting {
  key: string;
  kind: Kind;
  /** Long flag name without dashes; absent for settings that must not appear on a command line (secrets). */
  flag?: string;
  env?: readonly string[];
  /** Dotted path in the JSON config file. */
  file?: string;
  help: string;
  /** For integers: the smallest value allowed (default 1). */
  min?: number;
  /** For integers: the largest value allowed, if any. */
  max?: number;
  /** Shown in --help; the real default is applied when the run is set up. */
  defaultText?: string;
  /** Only the scenarios and histories read it: `pact` leaves it out of its --help and refuses its flag. */
  scenariosOnly?: true;
}

export const settings: readonly Setting[] = [
  {
    key: "endpoint",
    kind: "base-url",
    flag: "endpoint",
    env: ["AWS_ENDPOINT_URL_COGNITO_SYNC", "AWS_ENDPOINT_URL"],
    file: "endpoint",
    help: "base URL of the Cognito Sync implementation under test",
    defaultText: "the embedded reference endpoint, started for the run",
  },
  {
    key: "region",
    kind: "string",
    flag: "region",
    env: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    file: "region",
    help: "region used in signatures and in generated identity ids",
    defaultText: "us-east-1",
  },
  {
    key: "accessKeyId",
    kind: "string",
    env: ["AWS_ACCESS_KEY_ID"],
    file: "credentials.accessKeyId",
    help: "access key id of developer credentials (access to the whole pool)",
    defaultText: "a placeholder, fine for servers that do not check signatures",
  },
  { key: "secretAccessKey", kind: "string", env: ["AWS_SECRET_ACCESS_KEY"], file: "credentials.secretAccessKey", help: "secret access key of the developer credentials" },
  { key: "sessionToken", kind: "string", env: ["AWS_SESSION_TOKEN"], file: "credentials.sessionToken", help: "session token of temporary developer credentials" },
  {
    key: "identityPoolId",
    kind: "string",
    flag: "identity-pool-id",
    env: ["COGNITO_SYNC_IDENTITY_POOL_ID"],
    file: "identityPoolId",
    help: "identity pool the run works in",
    defaultText: "a fresh valid id per run",
  },
  {
    key: "identityId",
    kind: "string",
    flag: "identity-id",
    env: ["COGNITO_SYNC_IDENTITY_ID"],
    file: "identityId",
    help: "identity whose datasets the run creates",
    defaultText: "a fresh valid id per run",
  },
  {
    key: "otherIdentityId",
    kind: "string",
    flag: "other-identity-id",
    env: ["COGNITO_SYNC_OTHER_IDENTITY_ID"],
    file: "otherIdentityId",
    help: "a second identity, for the isolation checks",
    defaultText: "a fresh valid id per run",
  },
  {
    key: "boundAccessKeyId",
    kind: "string",
    env: ["COGNITO_SYNC_BOUND_ACCESS_KEY_ID"],
    file: "boundCredentials.accessKeyId",
    help: "credentials bound to the identity above (e.g. from Cognito Identity), for the isolation checks",
  },
  { key: "boundSecretAccessKey", kind: "string", env: ["COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY"], file: "boundCredentials.secretAccessKey", help: "secret of the bound credentials" },
  { key: "boundSessionToken", kind: "string", env: ["COGNITO_SYNC_BOUND_SESSION_TOKEN"], file: "boundCredentials.sessionToken", help: "session token of the bound credentials" },
  {
    key: "stateUrl",
    kind: "url",
    flag: "state-url",
    env: ["COGNITO_SYNC_STATE_URL"],
    file: "stateUrl",
    help: "provider-state URL (Pact state-change protocol, see docs/provider-states.md); without it, scenarios that need a state are skipped",
    defaultText: "the embedded reference's, when no endpoint is given",
  },
  {
    key: "timeoutMs",
    kind: "integer",
    flag: "timeout",
    env: ["COGNITO_SYNC_TIMEOUT_MS"],
    file: "timeoutMs",
    help: "milliseconds one request may take, answer included",
    defaultText: "10000",
  },
  {
    key: "runTimeout",
    kind: "integer",
    flag: "run-timeout",
    env: ["COGNITO_SYNC_RUN_TIMEOUT"],
    file: "runTimeout",
    help: "seconds the whole run may take; at this deadline the run stops sending, and ends with the verdict so far and its reports written",
    defaultText: "300",
  },
  {
    key: "concurrency",
    kind: "integer",
    flag: "concurrency",
    env: ["COGNITO_SYNC_CONCURRENCY"],
    file: "concurrency",
    help: "how many scenarios run at once (each on its own datasets; those that change the whole endpoint run alone)",
    defaultText: "16, or 4 when --identity-id is given (AWS allows 20 datasets per identity)",
  },
  { key: "grep", kind: "string", flag: "grep", file: "grep", help: "run only tests whose title (with requirement ids) matches this regular expression" },
  { key: "reportJson", kind: "string", flag: "report-json", file: "reportJson", help: "write a JSON report to this file" },
  { key: "reportJunit", kind: "string", flag: "report-junit", file: "reportJunit", help: "write a JUnit XML report to this file" },
  {
    key: "reportHtml",
    kind: "string",
    flag: "report-html",
    file: "reportHtml",
    help: "write a self-contained HTML report (verdict, requirement matrix, failures with their exchanges) to this file",
  },
  {
    key: "seed",
    kind: "integer",
    flag: "seed",
    env: ["COGNITO_SYNC_SEED"],
    file: "seed",
    min: 0,
    help: "seed of the generated inputs (printed at the start of every run)",
    defaultText: "random",
  },
  {
    key: "histories",
    scenariosOnly: true,
    kind: "integer",
    flag: "histories",
    env: ["COGNITO_SYNC_HISTORIES"],
    file: "histories",
    min: 0,
    help: "how many random histories of calls to compare with the service model (a failing one is shrunk to the shortest that still fails); 0 leaves them out",
    defaultText: "24 (the histories command: 200, or its --runs)",
  },
  {
    key: "parallelHistories",
    scenariosOnly: true,
    kind: "integer",
    flag: "parallel-histories",
    env: ["COGNITO_SYNC_PARALLEL_HISTORIES"],
    file: "parallelHistories",
    min: 0,
    help: "how many random parallel histories to check for linearizability (a sequential start, then devices calling at once); 0 leaves them out",
    defaultText: "4",
  },
  {
    key: "concurrencyDevices",
    scenariosOnly: true,
    kind: "integer",
    flag: "concurrency-devices",
    env: ["COGNITO_SYNC_CONCURRENCY_DEVICES"],
    file: "concurrencyDevices",
    min: 2,
    max: 16,
    help: "how many devices push at the same moment in the race scenarios, each over connections of its own",
    defaultText: "4",
  },
  {
    key: "replay",
    scenariosOnly: true,
    kind: "string",
    flag: "replay",
    help: "replay exactly one failed history: the PATH printed with it, given with the --seed printed with it",
  },
  { key: "strict", kind: "boolean", flag: "strict", file: "strict", help: "exit 1 when a SHOULD requirement fails, too" },
  {
    key: "requireAll",
    kind: "boolean",
    flag: "require-all",
    file: "requireAll",
    help: "exit 1 when a MUST test did not run (a missing --state-url, an interpretation set to 'any', an expected skip)",
  },
  {
    key: "expectations",
    kind: "string",
    flag: "expectations",
    env: ["COGNITO_SYNC_EXPECTATIONS"],
    file: "expectations",
    help: "JSON file of known failures and skips (schemas/expectations.schema.json): listed failures do not fail the run, passes of listed tests are reported",
  },
  { key: "strictExpectations", kind: "boolean", flag: "strict-expectations", file: "strictExpectations", help: "exit 1 when a test the expectations file lists to fail passes" },
  {
    key: "writeExpectations",
    kind: "string",
    flag: "write-expectations",
    help: "write this run's failures to this file as an expectations file, to adopt the suite in one step and ratchet from there",
  },
  { key: "quiet", kind: "boolean", flag: "quiet", file: "quiet", help: "print only failures and the verdict" },
  {
    key: "keepData",
    scenariosOnly: true,
    kind: "boolean",
    flag: "keep-data",
    file: "keepData",
    help: "leave the run's datasets in place (all named with the run's prefix), so that a failure's curl line can be run again afterwards",
  },
  {
    key: "interpretations",
    scenariosOnly: true,
    kind: "pairs",
    flag: "interpretation",
    file: "interpretations",
    help: "NAME=CHOICE: how to read a point the sources leave open (see README); repeatable",
  },
  {
    key: "variant",
    kind: "string",
    flag: "variant",
    help: "with no endpoint: run against a deliberately broken variant of the embedded reference instead (names below), to watch the suite fail",
  },
  { key: "list", kind: "boolean", flag: "list", help: "list what would run, with requirement ids, and what would be skipped and why; contacts no endpoint" },
];
