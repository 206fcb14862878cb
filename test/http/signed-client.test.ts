/**
 * The suite's HTTP client: it must put requests on the wire exactly as the AWS SDK does,
 * sign them so a verifying server accepts them, and turn every way an endpoint can fail to
 * answer into an exchange with a reason, never a hang or a throw.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CognitoSyncClient, ListRecordsCommand } from "@aws-sdk/client-cognito-sync";
import { expect } from "chai";
import { listRecordsRequest, updateRecordsRequest } from "../../src/http/cognito-sync.js";
import { describeExchange, type Exchange } from "../../src/http/exchange.js";
import { curlLine, type NamedCredentials } from "../../src/http/curl.js";
import { SignedClient } from "../../src/http/signed-client.js";
import { startReferenceEndpoint } from "../../src/reference/server.js";
import { newIdentityId, newPoolId, REGION } from "../support/ids.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const credentials: NamedCredentials = {
  accessKeyId: "AKIDCLIENTTEST",
  secretAccessKey: "client-test-secret",
  envNames: { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY", sessionToken: "AWS_SESSION_TOKEN" },
};
const clientFor = (endpoint: string, limits: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
  new SignedClient({ endpoint, region: REGION, credentials, timeoutMs: limits.timeoutMs ?? 5000, maxResponseBytes: limits.maxResponseBytes ?? 1 << 20 });

/** A server that answers as `handler` says, on a free loopback port. */
async function serverAt(handler: (req: IncomingMessage, res: import("node:http").ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const stop = (server: Server) => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));

describe("signed client", () => {
  const at = { identityPoolId: newPoolId(), identityId: newIdentityId(), datasetName: "my.data_set:1-x" };

  it("sends a request once more on a new connection when a kept-alive one was closed under it, and only then", async () => {
    // The server drops the second request of every connection unanswered, as a server does that closes an idle one just as it is reused.
    const perSocket = new WeakMap<object, number>();
    let requests = 0;
    const { url, server } = await serverAt((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n === 2) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const client = clientFor(url);
    try {
      const first = await client.send(listRecordsRequest(at));
      const second = await client.send(listRecordsRequest(at));
      expect([first.response?.status, second.response?.status, second.transportError]).to.deep.equal([200, 200, undefined]);
      expect(requests).to.equal(3);
    } finally {
      client.close();
      await stop(server);
    }
  });

  it("sends the same method, path and query as the AWS SDK", async () => {
    const seen: string[] = [];
    const { url, server } = await serverAt((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "InvalidParameterException" }).end('{"message":"captured"}');
    });
    try {
      const sdk = new CognitoSyncClient({ endpoint: url, region: REGION, credentials, maxAttempts: 1 });
      const input = {
        IdentityPoolId: at.identityPoolId,
        IdentityId: at.identityId,
        DatasetName: at.datasetName,
        LastSyncCount: 5,
        MaxResults: 10,
        NextToken: "a b/c+d=",
        SyncSessionToken: "t:1",
      };
      await sdk.send(new ListRecordsCommand(input)).catch(() => undefined);
      const client = clientFor(url);
      await client.send(listRecordsRequest(at, { lastSyncCount: 5, maxResults: 10, nextToken: "a b/c+d=", syncSessionToken: "t:1" }));
      client.close();
      const [fromSdk, fromSuite] = seen;
      const sorted = (line: string) => {
        const [path, query = ""] = line.split("?");
        return `${path}?${query.split("&").sort().join("&")}`;
      };
      expect(sorted(fromSuite!)).to.equal(sorted(fromSdk!));
      expect(fromSuite).to.include("%3A");
    } finally {
      await stop(server);
    }
  });

  it("signs ListRecords and UpdateRecords so a server that verifies signatures accepts them", async () => {
    const endpoint = await startReferenceEndpoint({ credentials: [credentials] });
    const client = clientFor(endpoint.url);
    try {
      const list = await client.send(listRecordsRequest(at, { maxResults: 3, lastSyncCount: 0 }));
      expect(list.response?.status, list.response?.text).to.equal(200);
      const token = (list.response!.json as { SyncSessionToken: string }).SyncSessionToken;
      const update = await client.send(updateRecordsRequest(at, token, [{ Op: "replace", Key: "k é/+", Value: "v", SyncCount: 0 }]));
      expect(update.response?.status, update.response?.text).to.equal(200);
      const forged = clientFor(endpoint.url).as({ ...credentials, secretAccessKey: "wrong" });
      const refused = await forged.send(listRecordsRequest(at));
      expect(refused.response?.status).to.equal(403);
      forged.close();
    } finally {
      client.close();
      await endpoint.close();
    }
  });

  it("writes a curl line that names the credentials by environment variable, never by value", async () => {
    const { url, server } = await serverAt((_, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    const client = clientFor(url);
    try {
      const ex = await client.send(updateRecordsRequest(at, "token", [{ Op: "remove", Key: "it's", SyncCount: 1 }]));
      expect(ex.curl).to.match(/^curl .*--aws-sigv4 'aws:amz:us-east-1:cognito-sync' --user "\$AWS_ACCESS_KEY_ID:\$AWS_SECRET_ACCESS_KEY"/);
      expect(ex.curl).to.include("-X POST").and.include("--data-raw").and.include(`it'\\''s`);
      expect(ex.curl).to.not.include(credentials.secretAccessKey);
    } finally {
      client.close();
      await stop(server);
    }
  });

  const failures: Array<{ name: string; handler: Parameters<typeof serverAt>[0]; limits?: { timeoutMs?: number; maxResponseBytes?: number }; says: RegExp }> = [
    { name: "a server that never answers", handler: () => undefined, limits: { timeoutMs: 300 }, says: /no complete answer within 300 ms/ },
    { name: "a body that drips", handler: (_, res) => (res.writeHead(200), res.write("{")), limits: { timeoutMs: 300 }, says: /no complete answer within 300 ms/ },
    { name: "a body over the cap", handler: (_, res) => res.writeHead(200).end("x".repeat(5000)), limits: { maxResponseBytes: 1000 }, says: /passed 1000 bytes/ },
    {
      name: "a connection reset mid-answer",
      handler: (req, res) => (res.writeHead(200, { "content-length": "100" }), res.write("{"), setTimeout(() => req.socket.destroy(), 20)),
      says: /closed before the answer was complete|ECONNRESET|aborted/,
    },
  ];
  for (const f of failures) {
    it(`reports ${f.name} as a transport error`, async () => {
      const { url, server } = await serverAt(f.handler);
      const client = clientFor(url, f.limits);
      try {
        const ex = await client.send(listRecordsRequest(at));
        expect(ex.response).to.equal(undefined);
        expect(ex.transportError).to.match(f.says);
      } finally {
        client.close();
        await stop(server);
      }
    });
  }

  it("reports a refused connection as a transport error", async () => {
    const { url, server } = await serverAt(() => undefined);
    await stop(server);
    const client = clientFor(url);
    const ex = await client.send(listRecordsRequest(at));
    client.close();
    expect(ex.transportError).to.match(/ECONNREFUSED/);
  });
});

describe("curl lines of a failure", () => {
  const named: NamedCredentials = {
    accessKeyId: "AKIDSECRET",
    secretAccessKey: "real-secret",
    sessionToken: "real-token",
    envNames: { accessKeyId: "COGNITO_SYNC_BOUND_ACCESS_KEY_ID", secretAccessKey: "COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY", sessionToken: "COGNITO_SYNC_BOUND_SESSION_TOKEN" },
  };
  const placeholder: NamedCredentials = { accessKeyId: "AKIDCONFORMANCE", secretAccessKey: "conformance-placeholder-secret", envNames: named.envNames, placeholder: true };
  const exchangeWith = (credentials: NamedCredentials): Exchange => ({
    operation: "ListRecords",
    request: { method: "GET", url: "http://127.0.0.1:1/x", headers: {} },
    response: { status: 200, headers: {}, text: "{}" },
    durationMs: 1,
    curl: curlLine({ region: REGION, credentials }, "GET", "http://127.0.0.1:1/x?$NOT_A_CREDENTIAL"),
  });

  it("say which variables to set when credentials go by name, and never print their values", () => {
    const text = describeExchange(exchangeWith(named));
    expect(text).to.include("(set $COGNITO_SYNC_BOUND_ACCESS_KEY_ID, $COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY, $COGNITO_SYNC_BOUND_SESSION_TOKEN to the run's credentials first");
    expect(text).to.not.include("real-secret");
    expect(text).to.not.include("real-token");
  });

  it("spell out the suite's placeholder credentials, with nothing to set", () => {
    const text = describeExchange(exchangeWith(placeholder));
    expect(text).to.include("--user 'AKIDCONFORMANCE:conformance-placeholder-secret'");
    expect(text).to.not.include("(set ");
  });
});
