/**
 * Each error status ListRecords can answer: 400 for every constraint of every parameter
 * (generated from the request schema and the run's seed), 403 across identities, 429 and
 * 500 through provider states, and refusal of unsigned requests.
 */
import { listRecordsRequest } from "../src/http/cognito-sync.js";
import { buildPath } from "../src/http/encode.js";
import { conformance, type Need } from "../src/harness/conformance.js";
import { invalidInputs, schemaRefuses } from "../src/harness/invalid-inputs.js";
import { currentPlan } from "../src/harness/run.js";
import type { RequirementId } from "../src/requirement-ids.js";
import type { ListResult, TestContext } from "../src/harness/test-context.js";

const AREA = "errors";
const plan = currentPlan();
const DATASET_TEMPLATE = "/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/records";

/** The error type check, unless the validation-error interpretation switches it off. */
function typeCheck(t: TestContext) {
  const expected = t.choice("validation-error");
  return expected === "any" ? undefined : { requirement: "LR-ERR-400-TYPE" as const, equals: expected };
}

/** Sends ListRecords with one parameter replaced by `wire`, everything else valid. */
async function listWith(t: TestContext, param: string, location: "path" | "query", wire: string): Promise<ListResult> {
  const at = t.dataset("invalid");
  const labels = { IdentityPoolId: at.identityPoolId, IdentityId: at.identityId, DatasetName: at.datasetName };
  const request = listRecordsRequest(at);
  if (location === "path") request.path = buildPath(DATASET_TEMPLATE, { ...labels, [param]: wire });
  else request.query = { [param]: wire };
  return t.listRequest(request);
}

const shown = (wire: string) => (wire.length > 24 ? `${JSON.stringify(wire.slice(0, 24))}... (${wire.length} characters)` : JSON.stringify(wire));

describe("errors", () => {
  describe("400 for parameters that break the model's constraints (generated from the request schema with the run's seed)", () => {
    // Titles and ids name the kind of case, the same for every seed; the generated value goes into the test's notes.
    const valid = { IdentityPoolId: plan.identityPoolId, IdentityId: plan.identityId, DatasetName: "conformance-valid-name" };
    for (const c of invalidInputs(valid, plan.seed)) {
      const statusRequirement: RequirementId = c.strength === "model" ? "LR-ERR-400-STATUS" : "LR-ERR-400-ANCHORED";
      conformance(
        AREA,
        `${c.param} ${c.kind} is refused with 400`,
        [statusRequirement, "LR-ERR-400-TYPE"],
        async (t) => {
          // The generator already filtered on this; checked again here, where the verdict is made.
          if (!schemaRefuses(c.param, c.wire, valid)) throw new Error(`harness bug: the schema accepts ${c.param}=${shown(c.wire)}`);
          t.note(`${c.param}=${shown(c.wire)}: ${c.why}`);
          const result = await listWith(t, c.param, c.location, c.wire);
          t.expectError(result, { requirement: statusRequirement, equals: 400 }, typeCheck(t));
        },
        { id: `400-${c.param.toLowerCase()}-${c.slot}` },
      );
    }
  });

  describe("400 for values the model allows but that cannot mean anything", () => {
    const needs: Need[] = ["interpretation:ranges"];
    const cases = [
      { param: "maxResults", wire: "0", label: "0", id: "maxresults-zero" },
      { param: "maxResults", wire: `-${1 + (plan.seed % 1000)}`, label: "negative", id: "maxresults-negative" },
      { param: "lastSyncCount", wire: `-${1 + (plan.seed % 1000)}`, label: "negative", id: "lastsynccount-negative" },
    ];
    for (const c of cases) {
      conformance(
        AREA,
        `${c.param} ${c.label} is refused with 400`,
        ["LR-ERR-400-RANGE", "LR-ERR-400-TYPE"],
        async (t) => {
          t.note(`${c.param}=${c.wire}`);
          const result = await listWith(t, c.param, "query", c.wire);
          t.expectError(result, { requirement: "LR-ERR-400-RANGE", equals: 400 }, typeCheck(t));
        },
        { needs, id: `400-range-${c.id}` },
      );
    }
  });

  conformance(
    AREA,
    "credentials bound to one identity are refused another identity's records with 403 NotAuthorizedException",
    ["LR-ERR-403-STATUS", "LR-ERR-403-TYPE"],
    async (t) => {
      const as = await t.boundCaller();
      const own = await t.list(t.dataset("own"), {}, "LR-ERR-403-STATUS", { as, expectOk: false });
      t.check("LR-ERR-403-STATUS", own.status === 200, "the bound credentials can read their own identity (the control)", () => `HTTP ${own.status}`, own.exchange);
      const foreign = { ...t.dataset("foreign"), identityId: plan.otherIdentityId };
      const result = await t.list(foreign, {}, "LR-ERR-403-STATUS", { as, expectOk: false });
      t.expectError(result, { requirement: "LR-ERR-403-STATUS", equals: 403 }, { requirement: "LR-ERR-403-TYPE", equals: "NotAuthorizedException" });
    },
    { id: "403-other-identity", needs: ["bound-credentials"] },
  );

  const injected: Array<{ status: number; type: string; state: string; requirement: RequirementId }> = [
    { status: 429, type: "TooManyRequestsException", state: "the service throttles the next calls", requirement: "LR-ERR-429" },
    { status: 500, type: "InternalErrorException", state: "the service fails the next calls", requirement: "LR-ERR-500" },
  ];
  for (const e of injected) {
    conformance(
      AREA,
      `${e.status} ${e.type} when the provider state '${e.state}' is set for ListRecords`,
      [e.requirement, "LR-SHAPE-ERROR"],
      async (t) => {
        await t.state(e.state, { operation: "ListRecords", times: 1 });
        const result = await t.list(t.dataset(String(e.status)), {}, e.requirement, { expectOk: false });
        t.expectError(result, { requirement: e.requirement, equals: e.status }, { requirement: e.requirement, equals: e.type });
      },
      { id: `${e.status}-state`, needs: ["provider-states"], exclusive: true },
    );
  }

  conformance(
    AREA,
    "an unsigned request is refused and gets no records",
    ["LR-AUTH-UNSIGNED"],
    async (t) => {
      const ds = await t.seed("unsigned", [{ secret: "value" }]);
      const request = listRecordsRequest(ds);
      const result = await t.listRequest({ ...request, unsigned: true });
      t.check("LR-AUTH-UNSIGNED", result.status >= 400 && result.status < 500, "HTTP 4xx", () => `HTTP ${result.status}`, result.exchange);
    },
    { id: "unsigned" },
  );
});
