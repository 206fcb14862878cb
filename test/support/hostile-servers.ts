/**
 * Endpoints that misbehave at the transport level, the way a half-finished fork does. Each
 * listens on a free loopback port and stops with close().
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Hostile {
  url: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A minimal ListRecords page: enough for the probe to accept it. */
const page = (extra: object = {}) =>
  JSON.stringify({ Count: 0, DatasetDeletedAfterRequestedSyncCount: false, DatasetExists: false, DatasetSyncCount: 0, Records: [], SyncSessionToken: "token", ...extra });

export const hostile: Record<string, { what: string; handler: Handler }> = {
  "never answers": { what: "accepts the connection and never answers", handler: () => undefined },
  "drips its body": {
    what: "sends headers, then one byte a second",
    handler: (_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 1000);
      res.on("close", () => clearInterval(timer));
    },
  },
  "truncated JSON": {
    what: "answers 200 with JSON cut off in the middle",
    handler: (req, res) => (req.resume(), res.writeHead(200, { "content-type": "application/json" }).end('{"Count": 0, "Records": [{"Key": "a", "SyncC')),
  },
  "HTML 500": {
    what: "answers 500 with an HTML error page",
    handler: (req, res) => (req.resume(), res.writeHead(500, { "content-type": "text/html" }).end("<html><body><h1>500 Internal Server Error</h1></body></html>")),
  },
  "NextToken that cycles": {
    what: "answers every ListRecords with a NextToken, alternating between two",
    handler: (() => {
      let n = 0;
      return (req: IncomingMessage, res: ServerResponse) => {
        req.resume();
        const body = req.method === "GET" && req.url?.includes("/records") ? page({ DatasetExists: true, NextToken: `loop-${n++ % 2}` }) : JSON.stringify({ Records: [] });
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      };
    })(),
  },
  "hundreds of megabytes": {
    what: "answers 200 with a 300 MB body",
    handler: (req, res) => {
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
  "connection reset": { what: "resets the connection on every request", handler: (req) => (req.socket as Socket).resetAndDestroy() },
  "JSON labelled text/html": {
    what: "answers a correct page labelled Content-Type text/html",
    handler: (req, res) => (req.resume(), res.writeHead(200, { "content-type": "text/html" }).end(page())),
  },
};

export async function startHostile(handler: Handler): Promise<Hostile> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
