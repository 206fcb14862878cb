/**
 * Builders for the variants that rewrite a request before the operation runs or an answer
 * before it is sent, so each variant states only what it changes.
 */
import type { Call } from "./call.js";
import type { Operation } from "./routes.js";
import type { Answer } from "./wire.js";

export type JsonObject = Record<string, unknown>;
export type Page = JsonObject & { Records?: JsonObject[]; Count?: number | string; NextToken?: string | null };

/** A response rewrite for 200 ListRecords answers only. */
export const onPage = (rewrite: (page: Page) => Page) => (operation: Operation, a: Answer) =>
  operation === "ListRecords" && a.status === 200 ? { ...a, body: rewrite({ ...(a.body as Page) }) } : a;

/** The same for every record of such a page. */
export const onRecords = (rewrite: (r: JsonObject) => JsonObject) => onPage((p) => ({ ...p, ...(p.Records ? { Records: p.Records.map((r) => rewrite({ ...r })) } : {}) }));

/** A request rewrite for ListRecords only. */
export const onListRequest = (rewrite: (call: Call) => void) => (operation: Operation, call: Call) => {
  if (operation === "ListRecords") rewrite(call);
};

/** Whether a query value is a whole number of at least `min`. */
export const isWhole = (v: string | null, min: number) => v !== null && /^-?\d+$/.test(v) && Number(v) >= min;
