/**
 * The run's request gate: when it closes, and that every client of a run (the suite's own,
 * the AWS SDK's) stops sending once it has, abandons what is in flight, and reports a
 * request that got no answer as a transport failure, never as an answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ListRecordsCommand, type CognitoSyncClient } from "@aws-sdk/client-cognito-sync";
import { expect } from "chai";
import { listRecordsRequest } from "../../src/http/cognito-sync.js";
import { RequestGate } from "../../src/http/request-gate.js";
import { SignedClient, type ClientSettings } from "../../src/http/signed-client.js";
import { TransportFailure } from "../../src/harness/failure.js";
import { recordingSdkClient } from "../../src/harness/sdk-client.js";
import { newIdentityId, newPoolId, REGION } from "../support/ids.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const at = { identityPoolId: newPoolId(), identityId: newIdentityId(), datasetName: "gated" };
const names = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY", sessionToken: "AWS_SESSION_TOKEN" };
const settings = (endpoint: string, gate: RequestGate, timeoutMs = 5000): ClientSettings => ({
  endpoint,
  region: REGION,
  credentials: { accessKeyId: "AKIDGATE", secretAccessKey: "gate-secret", envNames: names },
  timeoutMs,
  maxResponseBytes: 1 << 20,
  gate,
});

type Counting = { url: string; seen: () => number };

/** Runs `body` with a fresh gate and a server that counts requests and answers them as `handler` says (or not at all); the server's close ends every client connection. */
async function against(handler: (req: IncomingMessage, res: ServerResponse) => void, body: (server: Counting, gate: RequestGate) => Promise<void>): Promise<void> {
  let n = 0;
  const server: Server = createServer((req, res) => (n++, handler(req, res)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    await body({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => n }, new RequestGate());
  } finally {
    await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  }
}

const silent = () => undefined;

/** What one ListRecords call through the SDK threw, if anything. */
const thrownBy = (sdk: CognitoSyncClient) =>
  sdk.send(new ListRecordsCommand({ IdentityPoolId: at.identityPoolId, IdentityId: at.identityId, DatasetName: at.datasetName })).then(
    () => undefined,
    (e: unknown) => e,
  );
const page = (_: IncomingMessage, res: ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end('{"Count":0,"Records":[]}');

describe("request gate", () => {
  it("closes after five requests in a row without an answer; an answer starts the count again", () => {
    const gate = new RequestGate();
    const t = performance.now();
    for (let i = 0; i < 4; i++) gate.settle(t, "no answer", "ECONNREFUSED");
    gate.settle(t, "answered", "HTTP 200");
    for (let i = 0; i < 4; i++) gate.settle(t, "no answer", "ECONNREFUSED");
    expect(gate.closedBecause).to.equal(undefined);
    gate.settle(t, "no answer", "ECONNRESET");
    expect(gate.closedBecause).to.match(/stopped answering \(5 requests in a row, the last: ECONNRESET\)/);
  });

  it("closes at the first time-out when nothing was answered while that request waited, not when something was", () => {
    const gate = new RequestGate();
    const sentBefore = performance.now();
    gate.settle(sentBefore - 1, "answered", "HTTP 200");
    gate.settle(sentBefore - 10_000, "timed out", "no answer within 10000 ms");
    expect(gate.closedBecause, "an answer came after it was sent").to.equal(undefined);
    gate.settle(performance.now() + 1, "timed out", "no answer within 10000 ms");
    expect(gate.closedBecause).to.match(/answered nothing for a whole request timeout/);
  });

  it("keeps the first reason it was closed for, and tells whoever waits for it", async () => {
    const gate = new RequestGate();
    const told = gate.whenClosed();
    gate.close("the run deadline passed");
    gate.close("the output was closed");
    expect(await told).to.equal("the run deadline passed");
    expect(gate.closedBecause).to.equal("the run deadline passed");
  });

  it("the suite's client abandons a request in flight when the gate closes, and sends nothing after", () =>
    against(silent, async (server, gate) => {
      const client = new SignedClient(settings(server.url, gate));
      const started = performance.now();
      setTimeout(() => gate.close("the run deadline passed"), 200);
      const inFlight = await client.send(listRecordsRequest(at));
      expect(performance.now() - started, "abandoned at once, not at the request timeout").to.be.below(2000);
      expect(inFlight).to.include({ transportError: "abandoned: the run deadline passed", stopped: true });
      const after = await client.send(listRecordsRequest(at));
      expect(after).to.include({ transportError: "not sent: the run deadline passed", stopped: true });
      expect(after.curl, "a stopped request still says how to repeat it").to.match(/^curl /);
      expect(server.seen()).to.equal(1);
    }));

  it("the AWS SDK client sends nothing once the gate has closed: a TransportFailure, not a service error", () =>
    against(page, async (server, gate) => {
      const recorded: string[] = [];
      const sdk = recordingSdkClient(settings(server.url, gate), (ex) => recorded.push(ex.transportError ?? `HTTP ${ex.response?.status}`));
      expect(await thrownBy(sdk)).to.equal(undefined);
      gate.close("the endpoint stopped answering");
      expect(await thrownBy(sdk)).to.be.instanceOf(TransportFailure);
      expect(recorded).to.deep.equal(["HTTP 200", "not sent: the endpoint stopped answering"]);
      expect(server.seen()).to.equal(1);
    }));

  it("an AWS SDK answer whose body stalls after the headers is a TransportFailure at the request timeout, not an SDK error", () =>
    against(
      (_, res) => void res.writeHead(200, { "content-type": "application/json", "content-length": "100" }).write('{"Count": 0,'),
      async (server, gate) => {
        const started = performance.now();
        const thrown = await thrownBy(recordingSdkClient(settings(server.url, gate, 300), () => undefined));
        expect(thrown).to.be.instanceOf(TransportFailure);
        expect((thrown as TransportFailure).message).to.match(/TimeoutError/);
        expect(performance.now() - started).to.be.below(3000);
      },
    ));

  it("an AWS SDK call that times out is a TransportFailure and, with nothing answered meanwhile, closes the gate", () =>
    against(silent, async (server, gate) => {
      const thrown = await thrownBy(recordingSdkClient(settings(server.url, gate, 300), () => undefined));
      expect(thrown).to.be.instanceOf(TransportFailure);
      expect((thrown as TransportFailure).message).to.match(/^no usable answer to ListRecords \(AWS SDK\)\n\s+TimeoutError/);
      expect(gate.closedBecause).to.match(/answered nothing for a whole request timeout/);
    }));
});
