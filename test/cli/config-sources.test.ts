/** resolveSettings: the defaults, and which source wins for each setting: flag > environment > config file. */
import { expect } from "chai";
import { configFiles, TIMEOUTS } from "../support/resolve-settings.js";

describe("cli: resolveSettings", () => {
  const { resolve } = configFiles("csc-config");

  describe("defaults", () => {
    it("uses region us-east-1, a 10 s timeout, not strict, no endpoint, no state URL, no seed", () => {
      const s = resolve([]);
      expect(s).to.include({ region: "us-east-1", timeoutMs: 10_000, strict: false, list: false, help: false });
      expect(s.interpretations).to.deep.equal({});
      for (const key of ["endpoint", "stateUrl", "seed", "accessKeyId", "secretAccessKey", "sessionToken", "boundAccessKeyId", "grep", "reportJson", "reportJunit"] as const) {
        expect(s[key], key).to.equal(undefined);
      }
    });

    it("reads the boolean flags", () => {
      expect(resolve(["--strict", "--list", "--help"])).to.include({ strict: true, list: true, help: true });
      expect(resolve(["-h"]).help).to.equal(true);
    });
  });

  describe("endpoint", () => {
    const file = { endpoint: "http://file.example:1" };

    it("comes from the config file when nothing else sets it", () => {
      expect(resolve([], {}, file).endpoint).to.equal("http://file.example:1");
    });

    it("AWS_ENDPOINT_URL beats the file", () => {
      expect(resolve([], { AWS_ENDPOINT_URL: "http://general.example:2" }, file).endpoint).to.equal("http://general.example:2");
    });

    it("AWS_ENDPOINT_URL_COGNITO_SYNC beats AWS_ENDPOINT_URL", () => {
      const env = { AWS_ENDPOINT_URL: "http://general.example:2", AWS_ENDPOINT_URL_COGNITO_SYNC: "http://service.example:3" };
      expect(resolve([], env, file).endpoint).to.equal("http://service.example:3");
    });

    it("an empty AWS_ENDPOINT_URL_COGNITO_SYNC counts as unset", () => {
      const env = { AWS_ENDPOINT_URL: "http://general.example:2", AWS_ENDPOINT_URL_COGNITO_SYNC: "" };
      expect(resolve([], env).endpoint).to.equal("http://general.example:2");
    });

    it("--endpoint beats both variables and the file", () => {
      const env = { AWS_ENDPOINT_URL: "http://general.example:2", AWS_ENDPOINT_URL_COGNITO_SYNC: "http://service.example:3" };
      expect(resolve(["--endpoint", "https://flag.example:4"], env, file).endpoint).to.equal("https://flag.example:4");
    });

    it("loses its trailing slashes, from any source", () => {
      expect(resolve(["--endpoint", "http://flag.example:4/"]).endpoint).to.equal("http://flag.example:4");
      expect(resolve(["--endpoint", "http://flag.example:4/base//"]).endpoint).to.equal("http://flag.example:4/base");
      expect(resolve([], { AWS_ENDPOINT_URL: "http://general.example:2/" }).endpoint).to.equal("http://general.example:2");
      expect(resolve([], {}, { endpoint: "http://file.example:1/" }).endpoint).to.equal("http://file.example:1");
    });
  });

  describe("region", () => {
    const file = { region: "ap-south-1" };
    it("comes from the file, then AWS_DEFAULT_REGION, then AWS_REGION, then --region", () => {
      expect(resolve([], {}, file).region).to.equal("ap-south-1");
      expect(resolve([], { AWS_DEFAULT_REGION: "eu-west-1" }, file).region).to.equal("eu-west-1");
      expect(resolve([], { AWS_DEFAULT_REGION: "eu-west-1", AWS_REGION: "eu-central-1" }, file).region).to.equal("eu-central-1");
      expect(resolve(["--region", "sa-east-1"], { AWS_DEFAULT_REGION: "eu-west-1", AWS_REGION: "eu-central-1" }, file).region).to.equal("sa-east-1");
    });
  });

  describe("timeout, seed and state URL", () => {
    for (const [flag, key, env, byDefault] of TIMEOUTS) {
      it(`${key}: --${flag} beats ${env} beats ${key} in the file; ${byDefault} by default`, () => {
        const file = { [key]: 1111 };
        expect(resolve([])[key]).to.equal(byDefault);
        expect(resolve([], {}, file)[key]).to.equal(1111);
        expect(resolve([], { [env]: "2222" }, file)[key]).to.equal(2222);
        expect(resolve([`--${flag}`, "3333"], { [env]: "2222" }, file)[key]).to.equal(3333);
      });
    }

    it("seed: --seed beats COGNITO_SYNC_SEED beats seed in the file; 0 is a seed", () => {
      const file = { seed: 7 };
      expect(resolve([], {}, file).seed).to.equal(7);
      expect(resolve([], { COGNITO_SYNC_SEED: "8" }, file).seed).to.equal(8);
      expect(resolve(["--seed", "0"], { COGNITO_SYNC_SEED: "8" }, file).seed).to.equal(0);
    });

    it("state URL: --state-url beats COGNITO_SYNC_STATE_URL beats stateUrl in the file", () => {
      const file = { stateUrl: "http://file.example/states" };
      expect(resolve([], {}, file).stateUrl).to.equal("http://file.example/states");
      expect(resolve([], { COGNITO_SYNC_STATE_URL: "http://env.example/states" }, file).stateUrl).to.equal("http://env.example/states");
      expect(resolve(["--state-url", "https://flag.example/states"], { COGNITO_SYNC_STATE_URL: "http://env.example/states" }, file).stateUrl).to.equal(
        "https://flag.example/states",
      );
    });

    it("state URL: kept exactly as given, trailing slash included (only the endpoint is a base URL)", () => {
      expect(resolve(["--state-url", "http://h/hook/"]).stateUrl).to.equal("http://h/hook/");
      expect(resolve(["--endpoint", "http://h/base/"]).endpoint).to.equal("http://h/base");
    });

    it("an overridden source is not read: the flag wins even over a broken environment value", () => {
      expect(resolve(["--timeout", "5"], { COGNITO_SYNC_TIMEOUT_MS: "abc" }).timeoutMs).to.equal(5);
    });

    it("the other string settings: flag beats environment beats file", () => {
      const file = { identityPoolId: "file-pool", identityId: "file-id", otherIdentityId: "file-other", grep: "file-grep", reportJson: "file.json", reportJunit: "file.xml" };
      const env = { COGNITO_SYNC_IDENTITY_POOL_ID: "env-pool", COGNITO_SYNC_IDENTITY_ID: "env-id" };
      const s = resolve(["--identity-id", "flag-id", "--grep", "flag-grep"], env, file);
      expect(s).to.include({
        identityPoolId: "env-pool",
        identityId: "flag-id",
        otherIdentityId: "file-other",
        grep: "flag-grep",
        reportJson: "file.json",
        reportJunit: "file.xml",
      });
    });

    it("strict comes from the file, or from --strict", () => {
      expect(resolve([], {}, { strict: true }).strict).to.equal(true);
      expect(resolve(["--strict"], {}, { strict: false }).strict).to.equal(true);
    });
  });

  describe("credentials", () => {
    it("developer credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN", () => {
      const s = resolve([], { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret", AWS_SESSION_TOKEN: "env-token" });
      expect(s).to.include({ accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token" });
    });

    it("developer credentials come from the file's credentials object", () => {
      const s = resolve([], {}, { credentials: { accessKeyId: "AKIDFILE", secretAccessKey: "file-secret", sessionToken: "file-token" } });
      expect(s).to.include({ accessKeyId: "AKIDFILE", secretAccessKey: "file-secret", sessionToken: "file-token" });
    });

    it("the environment beats the file's credentials", () => {
      const s = resolve([], { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret" }, { credentials: { accessKeyId: "AKIDFILE", secretAccessKey: "file-secret" } });
      expect(s).to.include({ accessKeyId: "AKIDENV", secretAccessKey: "env-secret" });
    });

    it("bound credentials come from the COGNITO_SYNC_BOUND_* variables", () => {
      const s = resolve([], {
        COGNITO_SYNC_BOUND_ACCESS_KEY_ID: "AKIDBOUNDENV",
        COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY: "bound-env-secret",
        COGNITO_SYNC_BOUND_SESSION_TOKEN: "bound-env-token",
      });
      expect(s).to.include({ boundAccessKeyId: "AKIDBOUNDENV", boundSecretAccessKey: "bound-env-secret", boundSessionToken: "bound-env-token" });
    });

    it("bound credentials come from the file's boundCredentials object", () => {
      const s = resolve([], {}, { boundCredentials: { accessKeyId: "AKIDBOUNDFILE", secretAccessKey: "bound-file-secret", sessionToken: "bound-file-token" } });
      expect(s).to.include({ boundAccessKeyId: "AKIDBOUNDFILE", boundSecretAccessKey: "bound-file-secret", boundSessionToken: "bound-file-token" });
    });
  });

  describe("interpretations", () => {
    it("come from repeated --interpretation NAME=CHOICE", () => {
      const s = resolve(["--interpretation", "count=dataset", "--interpretation", "tombstones=omit"]);
      expect(s.interpretations).to.deep.equal({ count: "dataset", tombstones: "omit" });
    });

    it("come from the file's interpretations object", () => {
      const s = resolve([], {}, { interpretations: { count: "filtered", tombstones: "omit" } });
      expect(s.interpretations).to.deep.equal({ count: "filtered", tombstones: "omit" });
    });

    it("merge name by name: a flag overrides the file's choice for its name only", () => {
      const s = resolve(["--interpretation", "count=dataset", "--interpretation", "ranges=any"], {}, { interpretations: { count: "filtered", tombstones: "omit" } });
      expect(s.interpretations).to.deep.equal({ count: "dataset", tombstones: "omit", ranges: "any" });
    });
  });
});
