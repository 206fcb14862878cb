/**
 * The `pact` command's only spec: one test per interaction of the committed contract, all
 * judged by one Pact verification run against the configured endpoint. In specs/pact/, not
 * specs/: the default command runs every specs/*.spec.ts, and this is for `pact` alone.
 */
import { conformance } from "../../src/harness/conformance.js";
import { SetupFailure } from "../../src/harness/failure.js";
import { currentRun } from "../../src/harness/run.js";
import { interactions } from "../../src/pact/pact-file.js";
import { verifyInChild } from "../../src/pact/verify-in-child.js";
import type { InteractionVerdict } from "../../src/pact/verify.js";

let verdicts: Promise<InteractionVerdict[]> | undefined;
/**
 * The verifier replays the whole contract at once, in a child process the run can stop;
 * the first test to ask starts it. When the run's gate closes (deadline, dead endpoint) the
 * child is killed and every interaction is not judged.
 */
function verification(): Promise<InteractionVerdict[]> {
  if (verdicts) return verdicts;
  const run = currentRun();
  const { endpoint, region, credentials, timeoutMs } = run.client.settings;
  verdicts = verifyInChild({ endpoint, region, credentials, timeoutMs, ...(run.states ? { stateUrl: run.states.url } : {}) }, run.gate.whenClosed()).catch((e: Error) => {
    throw new SetupFailure("verifying the contract", e.message);
  });
  return verdicts;
}

/** Each interaction's test id, by its description: a new interaction needs one here before it runs. */
const IDS: Record<string, string> = {
  "a first full sync of a dataset": "full-sync",
  "a sync of a dataset that does not exist": "missing-dataset",
  "a sync of a dataset that has merged datasets": "merged",
  "a sync of a dataset whose name breaks the model's pattern": "bad-name",
  "a sync that meets an internal error": "500",
  "a sync that receives a tombstone": "tombstone",
  "a sync with credentials bound to another identity": "403",
  "a throttled sync": "429",
  "an incremental sync from lastSyncCount 2": "incremental",
  "the first page of a paged sync": "first-page",
  "the last page of a paged sync": "last-page",
};
const idOf = (description: string) => {
  const id = IDS[description];
  if (!id) throw new Error(`the contract's interaction '${description}' has no test id: add one to IDS in specs/pact/verification.spec.ts`);
  return id;
};

/** Mismatches shown in a failure; the rest go to the reports. */
const SHOWN = 5;

describe("pact: the sync client's contract", () => {
  for (const i of interactions()) {
    const states = i.providerStates.map((s) => `'${s.name}'`).join(", ");
    conformance(
      "pact",
      `${i.description}${states ? ` (given ${states})` : ""}`,
      ["LR-CONTRACT"],
      async (t) => {
        const verdict = (await verification()).find((v) => v.description === i.description);
        if (!verdict) throw new SetupFailure(`verifying '${i.description}'`, "the verifier reported nothing for this interaction");
        // The cause in the second line groups alike failures in the digest; what was not answered goes first.
        if (verdict.unanswered)
          throw new SetupFailure(`verifying '${i.description}': ${verdict.unanswered.join("; ")}`, "the endpoint or its state URL gave the verifier no answer");
        // The verifier repeats a mismatch for every matcher that sees it: each is shown once, the first few here, all in the notes.
        const problems = [...new Set(verdict.problems)];
        if (problems.length > SHOWN) for (const p of problems) t.note(p);
        const shown = () =>
          [...problems.slice(0, SHOWN), ...(problems.length > SHOWN ? [`and ${problems.length - SHOWN} more (all in the JSON report's notes)`] : [])].join("\n            ");
        t.check("LR-CONTRACT", verdict.passed, `the answer the contract describes for '${i.description}'`, shown);
      },
      { id: idOf(i.description) },
    );
  }
});
