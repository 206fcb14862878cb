/** A proxy that holds every answer back by a fixed delay: a slow endpoint, for the concurrency benchmark. */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

const target = new URL(process.argv[2]!);
const delayMs = Number(process.argv[3] ?? 50);
const server = createServer((req, res) => {
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on("data", (c: Buffer) => chunks.push(c));
    answer.on("end", () => setTimeout(() => res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks)), delayMs));
  });
  upstream.on("error", () => res.writeHead(502).end());
  req.pipe(upstream);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
