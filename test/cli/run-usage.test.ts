/**
 * The suite command end to end when it never gets to testing: --help, bad usage, and an endpoint
 * that cannot answer, each with its exit code and, for errors, one line on stderr and no stack
 * trace.
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { expect } from "chai";
import { settings } from "../../src/config/settings.js";
import { type Finished } from "../support/run-cli.js";
import { expectOneLine, run, shown, SUMMARY } from "../support/suite-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: the suite command", () => {
  const dir = tempDir("csc-run");

  describe("bad usage: exit 2 with one line on stderr and no stack trace", () => {
    const cases: Array<{ name: string; args: () => string[]; says: RegExp }> = [
      { name: "an unknown flag", args: () => ["--bogus"], says: /Unknown option '--bogus'/ },
      { name: "--endpoint ftp://x", args: () => ["--endpoint", "ftp://x"], says: /--endpoint must be an http:\/\/ or https:\/\/ URL/ },
      { name: "--timeout 0", args: () => ["--timeout", "0"], says: /--timeout must be a whole number above 0/ },
      { name: "--seed -1", args: () => ["--seed", "-1"], says: /--seed/ },
      { name: "--config /nonexistent.json", args: () => ["--config", "/nonexistent.json"], says: /cannot read config file \/nonexistent\.json/ },
      { name: "a config file with invalid JSON", args: () => ["--config", join(dir, "invalid.json")], says: /is not valid JSON/ },
      { name: "a config file with an unknown key", args: () => ["--config", join(dir, "unknown-key.json")], says: /unknown setting 'bogus'/ },
      { name: "--interpretation count=bogus", args: () => ["--interpretation", "count=bogus"], says: /interpretation count has no choice 'bogus'/ },
      { name: "--interpretation nosuch=x", args: () => ["--interpretation", "nosuch=x"], says: /unknown interpretation 'nosuch'/ },
      { name: "--grep '('", args: () => ["--grep", "("], says: /--grep is not a valid regular expression/ },
      {
        name: "the old name of --variant",
        args: () => ["--reference-variant", "page-drops-last-record"],
        says: /^cognito-sync-conformance: --reference-variant is now --variant$/,
      },
      { name: "a variant name that is a property of every object", args: () => ["--variant", "constructor"], says: /unknown --variant 'constructor'/ },
    ];
    const results = new Map<string, Finished>();

    before(async function () {
      this.timeout(120_000);
      writeFileSync(join(dir, "invalid.json"), '{"endpoint": ');
      writeFileSync(join(dir, "unknown-key.json"), JSON.stringify({ endpoint: "http://127.0.0.1:9", bogus: true }));
      const finished = await Promise.all(cases.map((c) => run(c.args())));
      cases.forEach((c, i) => results.set(c.name, finished[i]!));
    });

    for (const c of cases) {
      it(c.name, () => {
        const r = results.get(c.name)!;
        expect(r.code, shown(r)).to.equal(2);
        expect(expectOneLine(r)).to.match(c.says);
        expect(r.stdout).to.not.match(SUMMARY);
      });
    }
  });

  describe("an endpoint that cannot answer: exit 2 with one line", () => {
    it("a closed port, within a few seconds, naming the endpoint", async () => {
      const started = Date.now();
      const r = await run(["--endpoint", "http://127.0.0.1:9"], 15_000);
      expect(Date.now() - started).to.be.below(5_000);
      expect(r.code, shown(r)).to.equal(2);
      expect(expectOneLine(r)).to.include("http://127.0.0.1:9");
    });

    it("a server that accepts connections and never answers, within about 10 s, naming the timeout", async function () {
      this.timeout(30_000);
      const sockets = new Set<Socket>();
      const blackHole: Server = createServer((socket) => {
        sockets.add(socket);
        socket.on("error", () => undefined);
      });
      await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
      try {
        const port = (blackHole.address() as { port: number }).port;
        const started = Date.now();
        const r = await run(["--endpoint", `http://127.0.0.1:${port}`, "--timeout", "1000"], 20_000);
        expect(Date.now() - started).to.be.below(10_000);
        expect(r.code, shown(r)).to.equal(2);
        expect(expectOneLine(r)).to.match(/1000 ms|timeout/);
        expect(sockets.size, "the run did connect").to.be.above(0);
      } finally {
        for (const s of sockets) s.destroy();
        blackHole.close();
      }
    });
  });

  it("--help exits 0 and names every flag and environment variable", async () => {
    const r = await run(["--help"]);
    expect(r.code, shown(r)).to.equal(0);
    expect(r.stdout).to.include("--config");
    for (const s of settings) {
      if (s.flag) expect(r.stdout, s.key).to.include(`--${s.flag}`);
      for (const name of s.env ?? []) expect(r.stdout, s.key).to.include(name);
    }
    expect(r.stdout).to.not.match(SUMMARY);
  });
});
