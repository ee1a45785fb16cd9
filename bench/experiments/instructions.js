"use strict";
/**
 * Figure 1 as instruction counts: the instructions executed in construct.js's timed window, under valgrind
 * (cachegrind, no cache simulation) with `node --single-threaded` (garbage collection and compilation on the main
 * thread, so they are counted and do not depend on other load). Machine load does not change these counts; changes of
 * the code do, also chaotically (a few % from when V8 optimises or collects), so compare sizable differences only.
 * About 50x slower than a normal run: N = 1 or 20 (100 takes minutes).
 *
 *   node bench/experiments/instructions.js [N=20] [LIB_DIR ...]
 *
 * Prints, for raw, shell, the component (lib/) and each other build, the window's instructions and the ratio to raw.
 * The window is the count of a run that stops right after the clock (BENCH_EXIT=after) minus that of one that stops
 * right before it (BENCH_EXIT=before); both load and precompute the same.
 */
const { spawn } = require("child_process");
const path = require("path");

const [countArg = "20", ...libs] = process.argv.slice(2);
const CONSTRUCT = path.join(__dirname, "..", "construct.js");

function instructions(mode, exit, lib) {
  const args = [
    "--tool=cachegrind",
    "--cache-sim=no",
    "--smc-check=all-non-file",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    "--single-threaded",
    "--expose-gc",
    CONSTRUCT,
    mode,
    countArg,
  ];
  const env = {
    ...process.env,
    BENCH_EXIT: exit,
    ...(lib ? { BENCH_LIB: path.resolve(lib) } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (!m)
        reject(new Error(`no instruction count (is valgrind installed?)\n${err.slice(-500)}`));
      else resolve(Number(m[1].replace(/,/g, "")));
    });
  });
}

async function main() {
  // Two at a time (2 CPUs); the counts do not depend on it.
  const before = await instructions("raw", "before");
  const runs = [
    ["raw", "raw"],
    ["shell", "shell"],
    ["component", "component"],
    ...libs.map((l) => [l, "component", l]),
  ];
  const counts = [];
  for (let i = 0; i < runs.length; i += 2) {
    const pair = runs.slice(i, i + 2);
    counts.push(
      ...(await Promise.all(pair.map(([, mode, lib]) => instructions(mode, "after", lib)))),
    );
  }
  const window = counts.map((c) => c - before);
  for (const [i, [label]] of runs.entries())
    console.log(
      `n=${countArg} ${label.padEnd(14)} ${(window[i] / 1e6).toFixed(0).padStart(7)} M instructions  ${(window[i] / window[0]).toFixed(3)}x raw`,
    );
}
main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
