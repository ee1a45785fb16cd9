/**
 * The summary the issue asks for: cases run, checks passed, what was skipped and why, and the server builds' cold and
 * warm build times. `check` registers a test that counts as one check.
 */
import type { ServerBuild, Stamp } from "./server-builds";

export const tally = {
  cases: 0,
  passed: 0,
  /** `<what>: <why>` of every skipped case or check. */
  skipped: [] as string[],
  print(builds: Array<{ build: ServerBuild; reason: string; stamp?: Stamp }>): void {
    console.log(`\n  server contract: ${this.cases} cases run, ${this.passed} checks passed`);
    for (const { build, reason, stamp } of builds) {
      const times = stamp
        ? `build cold ${stamp.coldSeconds ?? "?"} s, warm ${stamp.warmSeconds ?? "?"} s (${stamp.go ?? "go ?"})`
        : "no build stamp";
      console.log(`  server ${build.label}: ${reason ? `skipped: ${reason}` : "tested"}; ${times}`);
    }
    for (const s of this.skipped) console.log(`  skipped: ${s}`);
  },
};

/** A test that counts as one check in the summary. */
export function check(title: string, fn: (this: Mocha.Context) => Promise<void> | void): void {
  it(title, async function () {
    await fn.call(this);
    tally.passed++;
  });
}

/** Skips the current hook's tests with the reason printed and kept for the summary. */
export function skipWithReason(ctx: Mocha.Context, what: string, reason: string): never {
  console.log(`      skipped: ${reason}`);
  tally.skipped.push(`${what}: ${reason}`);
  ctx.skip();
}
