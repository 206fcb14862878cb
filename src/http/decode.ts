/**
 * An HTTP answer as an exchange holds it: headers as strings (a repeated one joined with ", "),
 * the body as UTF-8 text, and parsed as JSON when it is JSON. Never throws: a body that is not
 * JSON simply has no `json`, and the assertions say so, with the text.
 */
import type { IncomingMessage } from "node:http";
import type { ReceivedResponse } from "./exchange.js";
import { parseBounded } from "./json-depth.js";

export function decodeResponse(res: IncomingMessage, body: Buffer[]): ReceivedResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  return decodedAnswer(res.statusCode ?? 0, headers, Buffer.concat(body));
}

/** An answer from its parts, however it was received (this client's transport, or the AWS SDK's). */
export function decodedAnswer(status: number, headers: Record<string, string>, body: Buffer): ReceivedResponse {
  const text = body.toString("utf8");
  const response: ReceivedResponse = { status, headers, text };
  try {
    if (text.trim() !== "") response.json = parseBounded(text);
  } catch {
    // not JSON: the assertions say so, with the text
  }
  return response;
}
