#!/usr/bin/env node
// In a checkout the command runs from its TypeScript source, compiled on the fly by tsx (for
// import and require alike, as mocha uses both), so the project's tests always run the code as
// it is. The published package has no src/: it runs the compiled JavaScript in dist/ with plain node.
import { existsSync } from "node:fs";

// The SDK is pinned, so its notice about future Node versions says nothing to a user; and
// Pact's usage telemetry is off unless asked for.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.PACT_DO_NOT_TRACK ??= "true";
const fromSource = existsSync(new URL("../src/cli/main.ts", import.meta.url));
if (fromSource) await import("tsx");
const { runCommand } = await import(fromSource ? "../src/cli/main.ts" : "../dist/src/cli/main.js");
await runCommand(process.argv.slice(2));
