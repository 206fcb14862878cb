/**
 * The reference endpoint under load: requests per second for a 100-record page against a bare
 * node:http server answering the same bytes from memory, on the same machine in the same run,
 * so the ratio (target >= 0.7) holds where the absolute figures do not.
 */
import autocannon from "autocannon";
import { AUTH, get, median, numberedRecords, recordsUrl, round, startBare, startReference } from "../helpers.js";
import { meets, type Bench } from "../table.js";

// Enough connections to keep the server busy: with few, a closed-loop load measures latency.
const CONNECTIONS = 64;

async function load(url: string) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: 3, headers: { authorization: AUTH } });
  return r.requests.average;
}

export async function throughput({ dir, row }: Bench) {
  const ref = await startReference();
  try {
    await numberedRecords(ref.stateUrl, "throughput", 100);
    const url = recordsUrl(ref.url, "throughput", { maxResults: "100" });
    const body = Buffer.from(await (await get(url)).arrayBuffer());
    const bare = await startBare(dir, body);
    try {
      // Alternated in short rounds so both meet the same machine; the median round of each.
      const bareRuns: number[] = [];
      const refRuns: number[] = [];
      for (let i = 0; i < 3; i++) {
        bareRuns.push(await load(bare.url));
        refRuns.push(await load(url));
      }
      const bareRps = median(bareRuns);
      const refRps = median(refRuns);
      const ratio = refRps / bareRps;
      row(
        "ListRecords, 100-record page, keep-alive: reference vs bare node:http",
        `${round(refRps)} vs ${round(bareRps)} req/s`,
        ">= 0.7",
        `${round(ratio, 2)} ${meets(ratio >= 0.7)}`,
      );
      return {
        pageRecords: 100,
        pageBytes: body.length,
        connections: CONNECTIONS,
        referenceRps: round(refRps),
        bareRps: round(bareRps),
        ratio: round(ratio, 2),
        rounds: { reference: refRuns.map((x) => round(x)), bare: bareRuns.map((x) => round(x)) },
      };
    } finally {
      await bare.stop();
    }
  } finally {
    await ref.stop();
  }
}
