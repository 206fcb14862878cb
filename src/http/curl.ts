/**
 * The curl line that repeats a request, and what a report reads back from it. Credentials go
 * by environment variable, never by value, so a report can be shared; only the suite's own
 * placeholders are spelled out, since nobody has them set.
 */
import type { Credentials } from "./sign.js";

/** Credentials plus the names a reproduction command refers to them by (secrets never appear in reports). */
export interface NamedCredentials extends Credentials {
  envNames: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** The suite's own placeholders, no secret: a reproduction command spells them out, since nobody has them set. */
  placeholder?: true;
}

/** A curl command that repeats a request, naming the credentials by environment variable, never by value. */
export function curlLine(settings: { region: string; credentials: NamedCredentials }, method: string, url: string, body?: string, unsigned = false): string {
  const names = settings.credentials.envNames;
  const parts = ["curl", "-sS", "-i", "-X", method];
  if (!unsigned) {
    const { accessKeyId, secretAccessKey, placeholder } = settings.credentials;
    parts.push(
      "--aws-sigv4",
      `'aws:amz:${settings.region}:cognito-sync'`,
      "--user",
      placeholder ? shellQuote(`${accessKeyId}:${secretAccessKey}`) : `"$${names.accessKeyId}:$${names.secretAccessKey}"`,
    );
    if (settings.credentials.sessionToken) parts.push("-H", `"x-amz-security-token: $${names.sessionToken}"`);
  }
  if (body !== undefined) parts.push("-H", "'content-type: application/json'", "--data-raw", shellQuote(body));
  parts.push(shellQuote(url));
  return parts.join(" ");
}

/** The environment variables a curl line reads its credentials from (none when it spells out the suite's placeholders). */
export function variablesNeeded(curl: string): string[] {
  const user = /--user "\$(\w+):\$(\w+)"/.exec(curl);
  const token = /"x-amz-security-token: \$(\w+)"/.exec(curl);
  return [...(user ? [user[1]!, user[2]!] : []), ...(token ? [token[1]!] : [])];
}

/** Curl lines are shown whole up to this length; past it the request body is left out, or a report would carry megabytes. */
const CURL_SHOWN = 8192;
export const curlShown = (curl: string) =>
  curl.length <= CURL_SHOWN ? curl : curl.replace(/--data-raw '(?:[^']|'\\'')*'/, (body) => `--data-raw '<the request body, ${body.length - 13} characters: too long to repeat>'`);

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
