/**
 * The `pact` command's only spec: one test per interaction of the committed contract, all
 * judged by one Pact verification run against the configured endpoint.
 */
import { conformance } from "../harness/conformance.js";
import { SetupFailure } from "../harness/failure.js";
import { currentRun } from "../harness/run.js";
import { interactions } from "./pact-file.js";
import { verifyPact, type InteractionVerdict } from "./verify.js";

let verdicts: Promise<InteractionVerdict[]> | undefined;
/**
 * The verifier replays the whole contract at once; the first test to ask starts it. Its
 * requests do not pass the run's gate, so when the gate closes (deadline, dead endpoint)
 * the verdicts are given up: every interaction is then not judged.
 */
function verification(): Promise<InteractionVerdict[]> {
  if (verdicts) return verdicts;
  const run = currentRun();
  const stopped = run.gate.whenClosed().then((reason): never => {
    throw new SetupFailure("verifying the contract", `stopped: ${reason}`);
  });
  verdicts = Promise.race([
    verifyPact({
      endpoint: run.client.settings.endpoint,
      region: run.client.settings.region,
      credentials: run.client.settings.credentials,
      ...(run.states ? { states: run.states } : {}),
    }),
    stopped,
  ]);
  return verdicts;
}

describe("pact: the sync client's contract", () => {
  for (const i of interactions()) {
    const states = i.providerStates.map((s) => `'${s.name}'`).join(", ");
    conformance("pact", `${i.description}${states ? ` (given ${states})` : ""}`, ["LR-CONTRACT"], async (t) => {
      const verdict = (await verification()).find((v) => v.description === i.description);
      if (!verdict) throw new SetupFailure(`verifying '${i.description}'`, "the verifier reported nothing for this interaction");
      t.check("LR-CONTRACT", verdict.passed, `the answer the contract describes for '${i.description}'`, () => verdict.problems.join("\n            "));
    });
  }
});
