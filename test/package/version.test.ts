/** The version: semver in package.json, with its own section in CHANGELOG.md, where requirement changes are listed. */
import { readFileSync } from "node:fs";
import { expect } from "chai";

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");

describe("the package's version", () => {
  const { version } = JSON.parse(read("package.json")) as { version: string };

  it("is a semantic version", () => expect(version).to.match(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/));

  it("has its section in CHANGELOG.md, the first one", () => {
    const first = /^## (\S+)/m.exec(read("CHANGELOG.md"));
    expect(first?.[1]).to.equal(version);
  });
});
