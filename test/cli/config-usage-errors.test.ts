/** resolveSettings: every usage error, from flags, the environment and the config file, with its message. */
import { join } from "node:path";
import { expect } from "chai";
import { configFiles, TIMEOUTS, usageError } from "../support/resolve-settings.js";

describe("cli: resolveSettings", () => {
  const { dir, configFile, resolve } = configFiles("csc-config");

  describe("usage errors", () => {
    it("an unknown flag", () => {
      expect(usageError(() => resolve(["--bogus"])).message).to.match(/Unknown option '--bogus'.*see --help/);
    });

    it("a flag error Node explains over several lines comes out as one line", () => {
      const message = usageError(() => resolve(["--endpoint", "-x"])).message;
      expect(message).to.not.include("\n");
      expect(message).to.match(/--endpoint.*see --help$/);
    });

    it("a negative number after a numeric flag gets the suite's own message, not Node's", () => {
      expect(usageError(() => resolve(["--seed", "-1"])).message).to.equal('--seed must be a whole number, 0 or more, not "-1"');
      expect(usageError(() => resolve(["--concurrency-devices", "-3"])).message).to.equal('--concurrency-devices must be a whole number from 2 to 16, not "-3"');
    });

    it("a dotted key in the config file, which would silently never be read", () => {
      expect(usageError(() => resolve([], {}, { "credentials.accessKeyId": "AK" })).message).to.match(/unknown setting 'credentials\.accessKeyId/);
    });

    for (const wrong of ["count=page", ["count=page"]]) {
      it(`interpretations in the config file as ${Array.isArray(wrong) ? "an array" : "a string"}`, () => {
        expect(usageError(() => resolve([], {}, { interpretations: wrong })).message).to.match(/'interpretations' in .* must be an object/);
      });
    }

    it("a positional argument", () => {
      expect(usageError(() => resolve(["extra"])).message).to.match(/Unexpected argument 'extra'/);
    });

    for (const url of ["ftp://x", "not-a-url"]) {
      it(`an endpoint that is not an http(s) URL: ${url}`, () => {
        expect(usageError(() => resolve(["--endpoint", url])).message).to.equal(`--endpoint must be an http:// or https:// URL, not "${url}"`);
      });
    }

    it("a state URL that is not an http(s) URL, named by its source", () => {
      expect(usageError(() => resolve([], { COGNITO_SYNC_STATE_URL: "ftp://x" })).message).to.equal('$COGNITO_SYNC_STATE_URL must be an http:// or https:// URL, not "ftp://x"');
    });

    for (const [flag, , env] of TIMEOUTS) {
      for (const value of ["0", "abc", "1.5", "-5"]) {
        it(`${flag} ${value}`, () => {
          expect(usageError(() => resolve([`--${flag}=${value}`])).message).to.equal(`--${flag} must be a whole number above 0, not "${value}"`);
        });
      }

      it(`a ${flag} from the environment that is not a number`, () => {
        expect(usageError(() => resolve([], { [env]: "abc" })).message).to.equal(`$${env} must be a whole number above 0, not "abc"`);
      });
    }

    it("seed -1, from the flag and from the environment", () => {
      expect(usageError(() => resolve(["--seed=-1"])).message).to.equal('--seed must be a whole number, 0 or more, not "-1"');
      expect(usageError(() => resolve([], { COGNITO_SYNC_SEED: "-1" })).message).to.equal('$COGNITO_SYNC_SEED must be a whole number, 0 or more, not "-1"');
    });

    it("seed -1 as a separate argument is still a usage error", () => {
      usageError(() => resolve(["--seed", "-1"]));
    });

    it("a config file that does not exist", () => {
      const missing = join(dir, "missing.json");
      expect(usageError(() => resolve(["--config", missing])).message).to.equal(`cannot read config file ${missing}: ENOENT`);
    });

    it("a config file that is not JSON", () => {
      const path = configFile("{ endpoint: ");
      expect(usageError(() => resolve(["--config", path])).message).to.match(new RegExp(`^config file ${path} is not valid JSON: `));
    });

    for (const [what, content] of [
      ["an array", "[]"],
      ["a string", '"x"'],
      ["null", "null"],
    ] as const) {
      it(`a config file holding ${what}`, () => {
        const path = configFile(content);
        expect(usageError(() => resolve(["--config", path])).message).to.equal(`config file ${path} must hold a JSON object`);
      });
    }

    it("an unknown key in the config file", () => {
      const path = configFile({ endpoint: "http://x.example", bogus: 1 });
      const message = usageError(() => resolve(["--config", path])).message;
      expect(message).to.match(new RegExp(`^config file ${path}: unknown setting 'bogus' \\(known: `));
      expect(message).to.include("stateUrl");
    });

    it("an unknown key nested in a known object of the config file", () => {
      const path = configFile({ credentials: { accessKeyId: "AKID", foo: "x" } });
      expect(usageError(() => resolve(["--config", path])).message).to.match(new RegExp(`^config file ${path}: unknown setting 'credentials\\.foo'`));
    });

    it('a number given as a string in the config file (timeoutMs "10")', () => {
      const path = configFile({ timeoutMs: "10" });
      expect(usageError(() => resolve(["--config", path])).message).to.match(new RegExp(`^'timeoutMs' in ${path} must be a whole number`));
    });

    it("other wrong types in the config file", () => {
      const cases: Array<[object, RegExp]> = [
        [{ strict: "true" }, /'strict' in .* must be true or false/],
        [{ region: 5 }, /'region' in .* must be a non-empty string/],
        [{ endpoint: 5 }, /'endpoint' in .* must be a URL/],
        [{ seed: 1.5 }, /'seed' in .* must be a whole number, 0 or more/],
        [{ interpretations: { count: 1 } }, /'interpretations' in .* must map names to strings/],
      ];
      for (const [content, says] of cases) expect(usageError(() => resolve([], {}, content)).message, JSON.stringify(content)).to.match(says);
    });

    it("an --interpretation without '='", () => {
      expect(usageError(() => resolve(["--interpretation", "count"])).message).to.equal("--interpretation takes NAME=CHOICE, not 'count'");
    });
  });
});
