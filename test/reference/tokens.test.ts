/** The token sealer: tamper-evident, kind-bound, and its MAC is standard HMAC-SHA256. */
import { createHmac } from "node:crypto";
import { expect } from "chai";
import { TokenSealer } from "../../src/reference/tokens.js";

describe("token sealer", () => {
  const sealer = new TokenSealer();

  it("opens what it sealed, for the same kind only", () => {
    const token = sealer.seal("a", { n: 1 });
    expect(sealer.open("a", token)).to.deep.include({ n: 1 });
    expect(sealer.open("b", token)).to.equal(undefined);
  });

  it("refuses a token altered anywhere", () => {
    const token = sealer.seal("a", { n: 1 });
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === "A" ? "B" : "A";
      expect(sealer.open("a", `${token.slice(0, i)}${c}${token.slice(i + 1)}`), `position ${i}`).to.equal(undefined);
    }
    expect(sealer.open("a", `${token}x`)).to.equal(undefined);
  });

  it("computes HMAC-SHA256 with its key, as node:crypto does", () => {
    const key = (sealer as unknown as { key: Buffer }).key.subarray(0, 32);
    const token = sealer.seal("a", { n: 2 });
    const [body, mac] = token.split(".");
    expect(mac).to.equal(createHmac("sha256", key).update(body!).digest("base64url"));
  });
});
