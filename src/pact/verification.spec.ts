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
/** The verifier replays the whole contract at once; the first test to ask starts it. */
function verification(): Promise<InteractionVerdict[]> {
  const run = currentRun();
  verdicts ??= verifyPact({
    endpoint: run.client.settings.endpoint,
    region: run.client.settings.region,
    credentials: run.client.settings.credentials,
    ...(run.states ? { states: run.states } : {}),
  });
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
