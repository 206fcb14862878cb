/**
 * Endpoints that misbehave the way a half-finished or failing fork does: from the first
 * request (transport faults, answers that are not ListRecords), or mid-run (a reference
 * endpoint behind a proxy that stops answering, restarts, or decorates its answers). Each
 * listens on a free loopback port and stops, with whatever it started, on close().
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { startReferenceEndpoint } from "../../src/reference/server.js";

export interface Hostile {
  url: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What a hostile server may start behind itself. */
interface Backing {
  /** A fresh reference endpoint (its own store and token keys), closed with the server; resolves to its URL. */
  reference(): Promise<string>;
}

/** A minimal ListRecords page: enough for the probe to accept it. */
const page = (extra: object = {}) =>
  JSON.stringify({ Count: 0, DatasetDeletedAfterRequestedSyncCount: false, DatasetExists: false, DatasetSyncCount: 0, Records: [], SyncSessionToken: "token", ...extra });

/** Answers every request with `status`, `headers` and `body`. */
const always =
  (status: number, headers: Record<string, string>, body = ""): Handler =>
  (req, res) => (req.resume(), res.writeHead(status, headers).end(body));

type Edit = (answer: { status: number; headers: IncomingHttpHeaders; body: string }) => { status: number; headers: IncomingHttpHeaders; body: string };

/** Passes a request on to `target` and its answer back, through `edit` when given. */
export function forward(target: string, req: IncomingMessage, res: ServerResponse, edit: Edit = (a) => a): void {
  const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
    const chunks: Buffer[] = [];
    up.on("data", (c: Buffer) => chunks.push(c));
    up.on("end", () => {
      const { status, headers, body } = edit({ status: up.statusCode ?? 502, headers: { ...up.headers }, body: Buffer.concat(chunks).toString("utf8") });
      delete headers["content-length"];
      delete headers["transfer-encoding"];
      res.writeHead(status, headers as Record<string, string>).end(body);
    });
  });
  upstream.on("error", () => res.destroy());
  req.pipe(upstream);
}

/** One byte a second after the headers, never finishing the 1000 it announced. */
const drip: Handler = (req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 1000);
  res.on("close", () => clearInterval(timer));
};

/** An unknown member 200,000 arrays deep: valid JSON that recursive code cannot walk. */
const DEEP = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;

export const hostile: Record<string, { what: string; handler: (b: Backing) => Handler | Promise<Handler> }> = {
  "never answers": { what: "accepts the connection and never answers", handler: () => () => undefined },
  "drips its body": { what: "sends headers, then one byte a second", handler: () => drip },
  "truncated JSON": {
    what: "answers 200 with JSON cut off in the middle",
    handler: () => always(200, { "content-type": "application/json" }, '{"Count": 0, "Records": [{"Key": "a", "SyncC'),
  },
  "HTML 500": {
    what: "answers 500 with an HTML error page",
    handler: () => always(500, { "content-type": "text/html" }, "<html><body><h1>500 Internal Server Error</h1></body></html>"),
  },
  "NextToken that cycles": {
    what: "answers every ListRecords with a NextToken, alternating between two",
    handler: () => {
      let n = 0;
      return (req, res) => {
        req.resume();
        const body = req.method === "GET" && req.url?.includes("/records") ? page({ DatasetExists: true, NextToken: `loop-${n++ % 2}` }) : JSON.stringify({ Records: [] });
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      };
    },
  },
  "hundreds of megabytes": {
    what: "answers 200 with a 300 MB body",
    handler: () => (req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": String(300 * 1024 * 1024) });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 300 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    },
  },
  "connection reset": { what: "resets the connection on every request", handler: () => (req) => (req.socket as Socket).resetAndDestroy() },
  "JSON labelled text/html": { what: "answers a correct page labelled Content-Type text/html", handler: () => always(200, { "content-type": "text/html" }, page()) },
  "307 to itself": {
    what: "answers every request with a redirect to the same URL",
    handler: () => (req, res) => (req.resume(), res.writeHead(307, { location: req.url ?? "/" }).end()),
  },
  "204 without a body": { what: "answers every request 204 No Content", handler: () => always(204, {}) },
  "JSON null": { what: "answers 200 with the JSON value null", handler: () => always(200, { "content-type": "application/json" }, "null") },
  "every member of the wrong type": {
    what: "answers 200 with each member a JSON type the API never uses for it",
    handler: () =>
      always(
        200,
        { "content-type": "application/json" },
        JSON.stringify({
          Count: "0",
          DatasetDeletedAfterRequestedSyncCount: "false",
          DatasetExists: 0,
          DatasetSyncCount: "0",
          LastModifiedBy: 1,
          MergedDatasetNames: "a",
          NextToken: 5,
          Records: { Key: "a" },
          SyncSessionToken: [],
        }),
      ),
  },
  "a flood of headers": {
    what: "answers 200 with 20,000 headers",
    handler: () => (req, res) => {
      req.resume();
      for (let i = 0; i < 20_000; i++) res.setHeader(`x-flood-${i}`, "v");
      res.writeHead(200, { "content-type": "application/json" }).end(page());
    },
  },
  "stops answering mid-run": {
    what: "a reference endpoint that answers 25 requests, then none, its sockets left open",
    handler: async (b) => {
      const target = await b.reference();
      let n = 0;
      return (req, res) => void (++n <= 25 && forward(target, req, res));
    },
  },
  "restarts mid-run": {
    what: "a reference endpoint that forgets all data (and its token keys) every 40 requests",
    handler: async (b) => {
      let target = await b.reference();
      let n = 0;
      return (req, res) => {
        req.pause();
        const next = ++n % 40 === 0 ? b.reference().then((url) => (target = url)) : Promise.resolve(target);
        void next.then((url) => forward(url, req, res));
      };
    },
  },
  "an unknown member 200,000 arrays deep": {
    what: "a reference endpoint whose ListRecords answers carry an unknown member nested 200,000 arrays deep",
    handler: async (b) => {
      const target = await b.reference();
      const deepen: Edit = (a) => (a.status === 200 ? { ...a, body: a.body.replace(/^\{/, `{"Unmodelled":${DEEP},`) } : a);
      return (req, res) => forward(target, req, res, req.url?.includes("/records") ? deepen : undefined);
    },
  },
  "resets after the first answer": {
    what: "a reference endpoint that answers the first request, then resets every connection",
    handler: async (b) => {
      const target = await b.reference();
      let n = 0;
      return (req, res) => (n++ === 0 ? forward(target, req, res) : (req.socket as Socket).resetAndDestroy());
    },
  },
  "drips after the first answer": {
    what: "a reference endpoint that answers the first request, then drips every answer a byte a second",
    handler: async (b) => {
      const target = await b.reference();
      let n = 0;
      return (req, res) => (n++ === 0 ? forward(target, req, res) : drip(req, res));
    },
  },
};

export async function startHostile(make: (b: Backing) => Handler | Promise<Handler>): Promise<Hostile> {
  const backing: Array<{ close(): Promise<void> }> = [];
  const handler = await make({
    reference: async () => {
      const r = await startReferenceEndpoint();
      backing.push(r);
      return r.url;
    },
  });
  const sockets = new Set<Socket>();
  const server = createServer({ maxHeaderSize: 64 * 1024 }, handler);
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      });
      await Promise.all(backing.map((r) => r.close()));
    },
  };
}
