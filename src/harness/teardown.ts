/** What a scenario set up, undone last-first when it ends, pass or fail; a step that fails is reported, never thrown. */
export class Teardown {
  private readonly steps: Array<() => Promise<void>> = [];

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Runs every step, newest first, once; `problem` hears of each that failed. */
  async run(problem: (message: string) => void): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (e) {
        problem((e as Error).message.split("\n")[0]!);
      }
    }
  }
}
