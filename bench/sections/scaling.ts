/**
 * How the reference scales with a dataset's size: a page near the end of 100k records against
 * the first (each page is found by binary search, so it should cost no more), full walks of
 * 10k to 1M records (time per record should stay flat), and the memory 1M records hold.
 */
import { get, numberedRecords, recordsUrl, round, rssMb, startReference } from "../helpers.js";
import { meets, type Bench } from "../table.js";

/** Mean latency of `n` sequential requests, in ms. */
async function latency(url: string, n = 300): Promise<number> {
  for (let i = 0; i < 30; i++) await (await get(url)).arrayBuffer(); // warm up
  const t = performance.now();
  for (let i = 0; i < n; i++) await (await get(url)).arrayBuffer();
  return (performance.now() - t) / n;
}

/** Pages through the whole dataset; the number of records seen. */
async function walk(base: string, dataset: string): Promise<number> {
  let token: string | undefined;
  let records = 0;
  do {
    const q: Record<string, string> = { maxResults: "1024", ...(token ? { nextToken: token } : {}) };
    const page = (await (await get(recordsUrl(base, dataset, q))).json()) as { Records: unknown[]; NextToken: string | null };
    records += page.Records.length;
    token = page.NextToken ?? undefined;
  } while (token);
  return records;
}

export async function scaling({ row }: Bench) {
  const ref = await startReference();
  try {
    const nearEnd = await numberedRecords(ref.stateUrl, "scale-100k", 100_000, 99_900);
    const first = await latency(recordsUrl(ref.url, "scale-100k", { maxResults: "100" }));
    const last = await latency(recordsUrl(ref.url, "scale-100k", { maxResults: "100", nextToken: String(nearEnd.nextToken) }));
    const ratio = last / first;
    row("page near the end vs first page, 100k records (100 per page)", `${round(last, 3)} vs ${round(first, 3)} ms`, "<= 1.3", `${round(ratio, 2)} ${meets(ratio <= 1.3)}`);
    const walks: Record<string, { records: number; ms: number; usPerRecord: number }> = {};
    for (const n of [10_000, 100_000, 1_000_000]) {
      await numberedRecords(ref.stateUrl, `walk-${n}`, n);
      const t = performance.now();
      const got = await walk(ref.url, `walk-${n}`);
      const ms = performance.now() - t;
      if (got !== n) throw new Error(`walk of ${n} records returned ${got}`);
      walks[n] = { records: n, ms: round(ms), usPerRecord: round((ms * 1000) / n, 2) };
      row(`  full walk of ${n} records (1024 per page)`, `${round(ms)} ms, ${round((ms * 1000) / n, 2)} us/record`);
    }
    const growth = walks[1_000_000]!.usPerRecord / walks[10_000]!.usPerRecord;
    row("  time per record, 1M vs 10k walk (1 = linear)", `${round(growth, 2)}`);
    // Memory: a fresh process holding 1M records, against the same process empty.
    const fresh = await startReference();
    let memory;
    try {
      const empty = rssMb(fresh.process.pid!);
      await numberedRecords(fresh.stateUrl, "memory", 1_000_000);
      const full = rssMb(fresh.process.pid!);
      memory = { emptyMb: round(empty), with1MRecordsMb: round(full), perRecordBytes: round(((full - empty) * 1024 * 1024) / 1_000_000) };
      row("reference RSS holding 1M records (empty -> loaded)", `${round(empty)} -> ${round(full)} MB, ${memory.perRecordBytes} B/record`);
    } finally {
      await fresh.stop();
    }
    return { firstPageMs: round(first, 3), nearEndPageMs: round(last, 3), nearEndRatio: round(ratio, 2), walks, perRecordGrowth1Mvs10k: round(growth, 2), memory };
  } finally {
    await ref.stop();
  }
}
