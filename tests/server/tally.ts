/** The summary the issue asks for: cases run, checks passed, and the server builds' cold and warm build times. */
import type { ServerBuild, Stamp } from "./server-builds";

export const tally = {
  cases: 0,
  passed: 0,
  print(builds: Array<{ build: ServerBuild; reason: string; stamp?: Stamp }>): void {
    console.log(`\n  server contract: ${this.cases} cases run, ${this.passed} checks passed`);
    for (const { build, reason, stamp } of builds) {
      const times = stamp
        ? `build cold ${stamp.coldSeconds ?? "?"} s, warm ${stamp.warmSeconds ?? "?"} s (${stamp.go ?? "go ?"})`
        : "no build stamp";
      console.log(`  server ${build.label}: ${reason ? `skipped: ${reason}` : "tested"}; ${times}`);
    }
  },
};
