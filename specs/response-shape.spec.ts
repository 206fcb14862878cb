/**
 * The documented response shape on pages that exercise every member: records with values,
 * a tombstone, a NextToken, and the last page without one. The shared check validates
 * every answer of every scenario against the schema; these scenarios make sure each member
 * actually appears at least once, with a value that means what it should.
 */
import { conformance } from "../src/harness/conformance.js";
import type { RecordOut } from "../src/harness/test-context.js";

const AREA = "response-shape";
const DAY = 24 * 60 * 60;

describe("response shape", () => {
  conformance(AREA, "a first page with records, a tombstone and a NextToken, and the last page without one, have the documented shape", ["LR-SHAPE-200", "LR-SHAPE-CONTENT-TYPE", "LR-SHAPE-TIMESTAMPS"], async (t) => {
    const before = Date.now() / 1000;
    const ds = await t.seed("shape", [{ a: "1", b: "2", c: "3" }, { b: null }]);
    const first = await t.list(ds, { maxResults: 2 }, "LR-SHAPE-200");
    t.check("LR-SHAPE-200", typeof first.body.NextToken === "string", "a NextToken on the first of two pages", () => `NextToken ${JSON.stringify(first.body.NextToken)}`, first.exchange);
    const last = await t.list(ds, { maxResults: 2, nextToken: first.body.NextToken! }, "LR-SHAPE-200");
    const records: RecordOut[] = [...first.records, ...last.records];
    for (const r of records) {
      const dated = r.LastModifiedDate;
      t.check("LR-SHAPE-TIMESTAMPS", typeof dated === "number" && Math.abs(dated - before) < DAY, `LastModifiedDate of ${r.Key} within a day of ${Math.round(before)} (epoch seconds)`, () => `${dated}`, first.exchange);
    }
  });
});
