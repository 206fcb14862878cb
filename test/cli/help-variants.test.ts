/** The --help of each command that takes a variant lists every variant by name, marking the bugs only a history shows. */
import { expect } from "chai";
import { conformingVariants, variants } from "../../src/reference/variants.js";
import { runCli } from "../support/run-cli.js";

describe("variant names in --help", function () {
  this.timeout(30_000);
  for (const command of [["--help"], ["serve", "--help"]]) {
    it(`${command.join(" ")} names every variant, and marks those only a history shows`, async () => {
      const r = await runCli(command);
      expect(r.code).to.equal(0);
      for (const [name, v] of Object.entries(variants)) expect(r.stdout).to.include(`  ${name}${v.needsHistory ? " (only a history shows it)" : ""}: `);
      for (const name of Object.keys(conformingVariants)) expect(r.stdout).to.include(`  ${name}: `);
    });
  }
});
