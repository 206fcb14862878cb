/**
 * The listing judge on record content: an empty value lost, one case twin's value under the
 * other's key, a twin missing beside the other, and text changed in storage, each named by its
 * content requirement (with the written and returned text for a changed value).
 */
import { expect } from "chai";
import { judgeListing, type SeenRecord } from "../../src/model/judge-listing.js";
import { fold, twinsOf } from "../../src/model/keys.js";
import { ServiceModel } from "../../src/model/service-model.js";

const DS = "ds";
/** Score="S1", score="s1" and e="" written in one call (count 1), then Score="Süß" (count 2). */
function model(): ServiceModel {
  const m = new ServiceModel();
  for (const set of [{ Score: "S1", score: "s1", e: "" }, { Score: "Süß" }]) {
    const update = m.plan(
      DS,
      Object.entries(set).map(([key, value]) => ({ key, value })),
    );
    expect(m.apply(DS, update, undefined)).to.equal(undefined);
  }
  return m;
}
const r = (Key: string, Value: string | undefined, SyncCount: number): SeenRecord => ({ Key, ...(Value === undefined ? {} : { Value }), SyncCount });
const judge = (records: SeenRecord[]) =>
  judgeListing(
    model().state(DS),
    { lastSyncCount: 0, origin: "zero", complete: true, pages: [{ body: { Count: records.length, DatasetExists: true, DatasetSyncCount: 2 }, records }] },
    { count: "page", tombstones: "include" },
  );

describe("model: the listing judge on record content", () => {
  it("accepts every record with its own latest value, the empty one included", () => {
    expect(judge([r("score", "s1", 1), r("e", "", 1), r("Score", "Süß", 2)])).to.deep.equal([]);
  });

  it("names an empty value that came back as a tombstone LR-CONTENT-EMPTY", () => {
    expect(judge([r("score", "s1", 1), r("e", undefined, 1), r("Score", "Süß", 2)]).map((v) => v.requirement)).to.deep.equal(["LR-CONTENT-EMPTY"]);
  });

  it("names a key holding its case twin's value, and a twin gone beside the other, LR-CONTENT-KEY-CASE", () => {
    expect(judge([r("score", "Süß", 2), r("e", "", 1)]).map((v) => v.requirement)).to.deep.equal(["LR-CONTENT-KEY-CASE", "LR-CONTENT-KEY-CASE"]);
  });

  it("names a value no call wrote LR-CONTENT-VALUE, with both texts to compare", () => {
    const [v, ...rest] = judge([r("score", "s1", 1), r("e", "", 1), r("Score", "S??", 2)]);
    expect(rest).to.deep.equal([]);
    expect(v!.requirement).to.equal("LR-CONTENT-VALUE");
    expect(v!.texts).to.deep.equal({ stored: "Süß", returned: "S??" });
  });

  it("leaves an older value of the key to the sync-count requirements", () => {
    expect(judge([r("score", "s1", 1), r("e", "", 1), r("Score", "S1", 2)]).map((v) => v.requirement)).to.deep.equal(["LR-SYNC-ALL"]);
  });

  it("folds case, accents and normalisation alike, and only those", () => {
    expect(fold("Résumé")).to.equal(fold("re\u0301sume\u0301"));
    expect(twinsOf("score", ["Score", "SCORE", "scores", "score"])).to.deep.equal(["Score", "SCORE"]);
  });
});
