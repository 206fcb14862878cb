#!/usr/bin/env node
// The command is written in TypeScript; tsx compiles it on the fly (for both import and
// require, as mocha uses both to load specs), so there is no build step.
await import("tsx");
// The SDK is pinned, so its notice about future Node versions says nothing to a user; and
// Pact's usage telemetry is off unless asked for.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.PACT_DO_NOT_TRACK ??= "true";
const { runCommand } = await import("../src/cli/main.ts");
await runCommand(process.argv.slice(2));
