// The command as the published package runs it: the compiled JavaScript in dist/ with plain
// node (a checkout's bin/ runs the TypeScript source through tsx instead).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.PACT_DO_NOT_TRACK ??= "true";
const { runCommand } = await import("../dist/src/cli/main.js");
await runCommand(process.argv.slice(2));
