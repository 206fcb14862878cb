/** Normalising exchanges: what differs between servers and runs becomes a placeholder, and nothing else changes. */
import { expect } from "chai";
import type { Exchange } from "../../src/http/exchange.js";
import type { KeptExchange } from "../../src/harness/scenario.js";
import { Normaliser } from "../../src/parity/normalise.js";

const POOL = "us-east-1:11111111-2222-3333-4444-555555555555";
const ID = "us-east-1:99999999-8888-7777-6666-555555555555";
const PREFIX = "csc-0a1b2c3d";
const TOKEN = "eyJvIjo0LCJkIjoiY3NjLTBhMWIyYzNkLXNldHRpbmdzIn0.c2lnbmF0dXJl";

const dataset = (name: string) => `https://sync.test/identitypools/${encodeURIComponent(POOL)}/identities/${encodeURIComponent(ID)}/datasets/${PREFIX}-${name}/records`;

function kept(url: string, json: unknown, extra: Partial<Exchange> = {}): KeptExchange {
  return {
    exchange: {
      operation: "ListRecords",
      request: { method: "GET", url, headers: { authorization: "AWS4-HMAC-SHA256 ..." } },
      response: { status: 200, headers: { "content-type": "application/json", "x-amzn-requestid": "abc-123", date: "Thu, 03 Dec 2026" }, text: JSON.stringify(json), json },
      durationMs: 3,
      curl: "curl ...",
      ...extra,
    },
    purpose: "check",
    sentMs: 0,
    answeredMs: 3,
  };
}

describe("parity: normalising exchanges", () => {
  it("names pool and identity ids by URL segment, and the run's dataset prefix, the same wherever they appear", () => {
    const n = new Normaliser(PREFIX);
    const e = n.exchange(kept(dataset("a"), { Records: [], LastModifiedBy: ID, message: `no dataset ${PREFIX}-a for ${ID}` }));
    expect(e.request.path).to.equal("/identitypools/<pool 1>/identities/<identity 1>/datasets/<prefix>-a/records");
    expect(e.response!.body).to.deep.equal({ Records: [], LastModifiedBy: "<identity 1>", message: "no dataset <prefix>-a for <identity 1>" });
  });

  it("numbers tokens as answers hand them out, and names them so when a later request sends them back", () => {
    const n = new Normaliser(PREFIX);
    const first = n.exchange(kept(dataset("a"), { NextToken: TOKEN, SyncSessionToken: "session-one-long" }));
    const second = n.exchange(kept(`${dataset("a")}?nextToken=${encodeURIComponent(TOKEN)}&maxResults=2`, { NextToken: null, SyncSessionToken: "session-two-long" }));
    expect(first.response!.body).to.deep.equal({ NextToken: "<next-token 1>", SyncSessionToken: "<session-token 1>" });
    expect(second.request.query).to.deep.equal({ maxResults: "2", nextToken: "<next-token 1>" });
    expect(second.response!.body).to.deep.equal({ NextToken: null, SyncSessionToken: "<session-token 2>" });
  });

  it("keeps a short made-up token as sent, and names a long one no answer handed out as unissued", () => {
    const n = new Normaliser(PREFIX);
    expect(n.exchange(kept(`${dataset("a")}?nextToken=garbage`, {})).request.query).to.deep.equal({ nextToken: "garbage" });
    expect(n.exchange(kept(`${dataset("a")}?nextToken=${TOKEN}x`, {})).request.query).to.deep.equal({ nextToken: "<unissued next-token 1>" });
  });

  it("replaces times by their form, so another clock reads the same and another unit does not", () => {
    const n = new Normaliser(PREFIX);
    const body = {
      Records: [
        { Key: "k", LastModifiedDate: 1764720000.123, DeviceLastModifiedDate: 1764720000123 },
        { Key: "j", LastModifiedDate: "2026-12-03T00:00:00Z" },
      ],
    };
    expect(n.exchange(kept(dataset("a"), body)).response!.body).to.deep.equal({
      Records: [
        { Key: "k", LastModifiedDate: "<epoch seconds>", DeviceLastModifiedDate: "<epoch milliseconds>" },
        { Key: "j", LastModifiedDate: "<time text>" },
      ],
    });
  });

  it("keeps only the headers that tell servers apart, a request id as present, and no secret", () => {
    const e = new Normaliser(PREFIX).exchange(kept(dataset("a"), {}));
    expect(e.response!.headers).to.deep.equal({ "content-type": "application/json", "x-amzn-requestid": "<request-id>" });
    expect(JSON.stringify(e)).to.not.include("AWS4-HMAC");
  });

  it("writes long text as its length and digest: equal text reads equal, one character more does not", () => {
    const n = new Normaliser(PREFIX);
    const long = "é".repeat(300);
    const a = n.exchange(kept(dataset("a"), { Records: [{ Key: "k", Value: long }] })).response!.body as { Records: Array<{ Value: string }> };
    const b = n.exchange(kept(dataset("a"), { Records: [{ Key: "k", Value: long }] })).response!.body as { Records: Array<{ Value: string }> };
    const c = n.exchange(kept(dataset("a"), { Records: [{ Key: "k", Value: `${long}!` }] })).response!.body as { Records: Array<{ Value: string }> };
    expect(a.Records[0]!.Value).to.match(/^<300 characters, sha256 [0-9a-f]{16}>$/);
    expect(b.Records[0]!.Value).to.equal(a.Records[0]!.Value);
    expect(c.Records[0]!.Value).to.not.equal(a.Records[0]!.Value);
  });

  it("keeps a body that is not JSON as text, and a transport error", () => {
    const e = new Normaliser(PREFIX).exchange({
      ...kept(dataset("a"), {}),
      exchange: { ...kept(dataset("a"), {}).exchange, response: undefined, transportError: "timeout after 5000 ms" },
    });
    expect(e.response).to.equal(undefined);
    expect(e.transportError).to.equal("timeout after 5000 ms");
    const html = kept(dataset("a"), undefined);
    html.exchange.response = { status: 500, headers: { "content-type": "text/html" }, text: "<h1>oops</h1>" };
    expect(new Normaliser(PREFIX).exchange(html).response).to.deep.equal({ status: 500, headers: { "content-type": "text/html" }, body: "<h1>oops</h1>" });
  });
});
