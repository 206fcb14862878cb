/**
 * The official AWS SDK against the endpoint: every kind of ListRecords answer must
 * deserialize, and every error must surface as the SDK's own exception with its status.
 * The SDK is pinned (package-lock.json) and makes one attempt per call.
 */
import type { ListRecordsCommandInput, ListRecordsCommandOutput } from "@aws-sdk/client-cognito-sync";
import { conformance, type Need } from "../src/harness/conformance.js";
import { ConformanceFailure } from "../src/harness/failure.js";
import type { DatasetAddress } from "../src/http/cognito-sync.js";
import { currentPlan } from "../src/harness/run.js";
import type { RequirementId } from "../src/requirement-ids.js";
import type { Caller, TestContext } from "../src/harness/test-context.js";

const AREA = "sdk-compatibility";
const plan = currentPlan();
// Loaded when a scenario runs, not when the specs load: listing the suite never pays for the SDK.
const sdkModule = () => import("@aws-sdk/client-cognito-sync");

/** One ListRecords call through the SDK; an error raised for the answer is a failure of LR-SDK-READS, with what the SDK said. */
async function read(t: TestContext, input: ListRecordsCommandInput): Promise<ListRecordsCommandOutput> {
  const { ListRecordsCommand } = await sdkModule();
  const { output, error } = await t.sdkOutcome((await t.sdk()).send(new ListRecordsCommand(input)));
  if (error)
    throw new ConformanceFailure("LR-SDK-READS", "an answer the SDK can read", `${error.name}: ${error.message} (HTTP ${error.$metadata?.httpStatusCode ?? "?"})`, t.sdkExchange());
  return output;
}

/** The SDK's input for one of the scenario's datasets. */
const input = (d: DatasetAddress) => ({ IdentityPoolId: d.identityPoolId, IdentityId: d.identityId, DatasetName: d.datasetName });

describe("AWS SDK compatibility", () => {
  conformance(
    AREA,
    "the SDK reads a walk of 25 records in pages of 10, with numbers and dates typed",
    ["LR-SDK-READS", "LR-PAGE-WALK"],
    async (t) => {
      const ds = await t.seed("sdk-pages", t.spread("k", [12, 13]));
      const keys: string[] = [];
      let NextToken: string | undefined;
      for (let page = 0; page < 5; page++) {
        const out = await read(t, { ...input(ds), MaxResults: 10, ...(NextToken ? { NextToken } : {}) });
        for (const r of out.Records ?? []) {
          t.check(
            "LR-SDK-READS",
            typeof r.SyncCount === "number" && r.LastModifiedDate instanceof Date && !Number.isNaN(r.LastModifiedDate.getTime()),
            "SyncCount a number and LastModifiedDate a valid Date",
            () => `${r.Key}: SyncCount ${typeof r.SyncCount}, LastModifiedDate ${String(r.LastModifiedDate)}`,
            t.sdkExchange(),
          );
          keys.push(r.Key!);
        }
        NextToken = out.NextToken;
        if (!NextToken) break;
      }
      // The SDK read every page; pages that lose or repeat records break the walk, not the SDK.
      t.check(
        "LR-PAGE-WALK",
        keys.length === 25 && new Set(keys).size === 25,
        "25 distinct records over the walk, read through the SDK",
        () => `${keys.length} records, ${new Set(keys).size} distinct`,
        t.sdkExchange(),
      );
    },
    { id: "pages-of-10" },
  );

  conformance(
    AREA,
    "the SDK reads the answer for a missing dataset",
    ["LR-SDK-READS"],
    async (t) => {
      const out = await read(t, input(t.dataset("sdk-missing")));
      t.check(
        "LR-SDK-READS",
        (out.DatasetExists ?? false) === false && (out.Records ?? []).length === 0,
        "DatasetExists false (or absent) and no records, as the SDK sees them",
        () => `DatasetExists ${String(out.DatasetExists)}, ${(out.Records ?? []).length} records`,
        t.sdkExchange(),
      );
    },
    { id: "missing-dataset" },
  );

  conformance(
    AREA,
    "the SDK reads a tombstone as a record without a value",
    ["LR-SDK-READS"],
    async (t) => {
      const ds = await t.seed("sdk-tombstone", [{ kept: "1", removed: "2" }, { removed: null }]);
      const out = await read(t, { ...input(ds), LastSyncCount: 1 });
      const tombstone = out.Records?.find((r) => r.Key === "removed");
      t.check(
        "LR-SDK-READS",
        tombstone !== undefined && tombstone.Value === undefined && tombstone.SyncCount === 2,
        "record 'removed' at SyncCount 2 without a Value",
        () => JSON.stringify(tombstone),
        t.sdkExchange(),
      );
    },
    { id: "tombstone" },
  );

  const errors: Array<{
    status: number;
    /** The SDK's exception class, by name. */
    exception: "InvalidParameterException" | "NotAuthorizedException" | "TooManyRequestsException" | "InternalErrorException";
    classRequirement: RequirementId;
    needs: Need[];
    exclusive?: boolean;
    provoke: (t: TestContext) => Promise<{ input: ListRecordsCommandInput; as: Caller }>;
  }> = [
    {
      status: 400,
      exception: "InvalidParameterException",
      classRequirement: "LR-SDK-ERROR-CLASS-CLIENT",
      needs: [],
      provoke: async (t) => ({ input: { ...input(t.dataset("sdk-400")), DatasetName: "not a valid name!" }, as: "developer" }),
    },
    {
      status: 403,
      exception: "NotAuthorizedException",
      classRequirement: "LR-SDK-ERROR-CLASS-CLIENT",
      needs: ["bound-credentials"],
      provoke: async (t) => ({ input: { ...input(t.dataset("sdk-403")), IdentityId: plan.otherIdentityId }, as: await t.boundCaller() }),
    },
    {
      status: 429,
      exception: "TooManyRequestsException",
      classRequirement: "LR-SDK-ERROR-CLASS",
      needs: ["provider-states"],
      exclusive: true,
      provoke: async (t) => (
        await t.state("the service throttles the next calls", { operation: "ListRecords", times: 1 }),
        { input: input(t.dataset("sdk-429")), as: "developer" }
      ),
    },
    {
      status: 500,
      exception: "InternalErrorException",
      classRequirement: "LR-SDK-ERROR-CLASS",
      needs: ["provider-states"],
      exclusive: true,
      provoke: async (t) => (await t.state("the service fails the next calls", { operation: "ListRecords", times: 1 }), { input: input(t.dataset("sdk-500")), as: "developer" }),
    },
  ];
  for (const e of errors) {
    conformance(
      AREA,
      `a ${e.status} surfaces in the SDK as ${e.exception} with status ${e.status}`,
      ["LR-SDK-ERROR-STATUS", e.classRequirement],
      async (t) => {
        const { input, as } = await e.provoke(t);
        const sdk = await sdkModule();
        const { error: thrown } = await t.sdkOutcome((await t.sdk(as)).send(new sdk.ListRecordsCommand(input)));
        const seen = () => (thrown ? `${thrown.constructor.name} '${thrown.name}' (HTTP ${thrown.$metadata?.httpStatusCode ?? "?"}): ${thrown.message}` : "no error");
        t.check(
          "LR-SDK-ERROR-STATUS",
          thrown instanceof sdk.CognitoSyncServiceException && thrown.name !== "Unknown" && thrown.$metadata?.httpStatusCode === e.status,
          `a named service exception with HTTP ${e.status}`,
          seen,
          t.sdkExchange(),
        );
        // A 400 is expected as the type the validation-error interpretation names (the SDK has no class for ValidationException).
        const chosen = e.status === 400 ? t.choice("validation-error") : e.exception;
        if (chosen === e.exception) t.check(e.classRequirement, thrown instanceof sdk[e.exception], `an instance of ${e.exception}`, seen, t.sdkExchange());
        else if (chosen !== "any") t.check(e.classRequirement, thrown?.name === chosen, `a service exception named ${chosen} (validation-error=${chosen})`, seen, t.sdkExchange());
      },
      { id: `${e.status}-error`, needs: e.needs, exclusive: e.exclusive ?? false },
    );
  }
});
