/** The dataset-level operations: DescribeDataset, DeleteDataset and ListDatasets. */
import { authorize, datasetFrom, identityFrom, type Call, type Services } from "../call.js";
import { invalidParameter, serviceError } from "../errors.js";
import type { DatasetInfo, DatasetRef } from "../store.js";
import { INT32, parseWhole, Violations } from "../validate.js";
import { datasetOut } from "../wire.js";

/** Describe and delete differ only in what they do to the dataset they find. */
function onDataset(act: (store: Services["store"], ref: DatasetRef) => DatasetInfo | undefined) {
  return (call: Call, { store }: Services) => {
    const v = new Violations();
    const ref = datasetFrom(call, v);
    v.throwIfAny();
    authorize(call, ref.identityId);
    const dataset = act(store, ref);
    if (!dataset) throw serviceError("ResourceNotFoundException", `Dataset ${ref.datasetName} does not exist`);
    return { Dataset: datasetOut(dataset) };
  };
}

export const describeDataset = onDataset((store, ref) => store.describe(ref));
export const deleteDataset = onDataset((store, ref) => store.delete(ref));

/** AWS's Android client lists datasets 64 at a time; the reference uses that as its page size. */
const DATASET_PAGE = 64;
const KIND = "list-datasets";

export function listDatasets(call: Call, { store, sealer }: Services) {
  const v = new Violations();
  const { identityPoolId, identityId } = identityFrom(call, v);
  const maxResults = parseWhole(v, call.query.get("maxResults"), "maxResults", { min: 1, max: INT32.max });
  v.throwIfAny();
  authorize(call, identityId);

  let after: string | undefined;
  const nextToken = call.query.get("nextToken");
  if (nextToken !== null) {
    const payload = sealer.open(KIND, nextToken);
    if (!payload || payload.p !== identityPoolId || payload.i !== identityId) throw invalidParameter("The nextToken is not valid for this identity");
    after = String(payload.n);
  }
  const page = store.datasets(identityPoolId, identityId, after, Math.min(maxResults ?? DATASET_PAGE, DATASET_PAGE));
  const last = page.datasets[page.datasets.length - 1];
  return {
    Count: page.datasets.length,
    Datasets: page.datasets.map(datasetOut),
    NextToken: page.more && last ? sealer.seal(KIND, { p: identityPoolId, i: identityId, n: last.ref.datasetName }) : null,
  };
}
