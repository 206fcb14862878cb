/** `serve`: the reference endpoint as a stand-alone process, until it is stopped. */
import { parseArgs } from "node:util";
import type { KnownCredentials } from "../reference/auth.js";
import { STATE_PATH } from "../reference/provider-states.js";
import { createReferenceEndpoint } from "../reference/server.js";
import { checkVariantName, variantHelp } from "./variant-help.js";
import { oneLine } from "../config/resolve.js";
import { exitWhenFlushed, onOutputGone } from "./output.js";
import { UsageError } from "../config/usage-error.js";

export const serveHelp = () => `Usage: cognito-sync-conformance serve [--port N] [--host ADDRESS] [--credential SPEC]... [--variant NAME]

Starts the embedded reference endpoint and prints the URL it listens on, then the URL of
its provider-state hook (for --state-url). Runs until stopped (Ctrl-C or SIGTERM).

  --port N           TCP port; 0 (the default) picks a free one
  --host ADDRESS     address to listen on (default 127.0.0.1)
  --credential SPEC  ACCESS_KEY_ID:SECRET_ACCESS_KEY, or ACCESS_KEY_ID:SECRET_ACCESS_KEY@IDENTITY_ID
                     for credentials bound to one identity. The signatures of these
                     credentials are verified; any other access key is accepted as a
                     developer's with access to every identity. Repeatable.
  --variant NAME     serve a variant instead.
${variantHelp("                     ")}
`;

export async function serve(args: string[]): Promise<void> {
  const { values } = parseFlags(args);
  if (values.help) {
    process.stdout.write(serveHelp());
    return;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not '${values.port}'`);
  const credentials = values.credential.map(parseCredential);
  const variant = values.variant;

  if (variant !== undefined) checkVariantName(variant);
  const endpoint = createReferenceEndpoint({ credentials, ...(variant === undefined ? {} : { variant }) });
  let url: string;
  try {
    url = await endpoint.listen(port, values.host);
  } catch (e) {
    throw new UsageError(`cannot listen on ${values.host}:${port}: ${(e as Error).message}`);
  }
  process.stdout.write(`${url}\nprovider states: ${url}${STATE_PATH}\n`);
  // A server lives on when nobody reads its output any more (e.g. a caller read the URL and closed the pipe).
  onOutputGone(() => undefined);
  const stop = () => void endpoint.close().then(() => exitWhenFlushed(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        port: { type: "string", default: "0" },
        host: { type: "string", default: "127.0.0.1" },
        credential: { type: "string", multiple: true, default: [] },
        variant: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(`${oneLine((e as Error).message)}; see serve --help`);
  }
}

function parseCredential(spec: string): KnownCredentials {
  const m = /^([^:@\s]+):([^@\s]+)(?:@(\S+))?$/.exec(spec);
  if (!m) throw new UsageError(`--credential must look like ACCESS_KEY_ID:SECRET[@IDENTITY_ID], not '${spec}'`);
  return m[3] ? { accessKeyId: m[1]!, secretAccessKey: m[2]!, identityId: m[3] } : { accessKeyId: m[1]!, secretAccessKey: m[2]! };
}
