#!/usr/bin/env node
// The command is written in TypeScript; tsx compiles it on the fly, so there is no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
// `serve` keeps the process alive through its listening socket; other commands end here.
process.exitCode = await main(process.argv.slice(2));
