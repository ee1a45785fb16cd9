"use strict";
/**
 * Investigation tool (not part of `npm run bench`): steady-state CPU cost per server of each variant, measured in ONE
 * process by alternating batches, so that machine load drifts cancel out (the figures in run.js need a fresh process
 * per run; this does not, and is far less noisy on a shared machine).
 *
 *   node --expose-gc bench/ab.js [batch=20] [rounds=12] [variant ...]
 *
 * Variants: raw, shell (raw under a bare ComponentResource), component (lib/), and any directory holding a patched
 * build of lib/ (e.g. bench/_exp/x), which runs as a component from that build.
 */
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { planRaw, registerRaw, customResourceCount } = require("./raw-program");
const { installMocks } = require("./mock-runtime");
const { spec } = require("./specs");

const [batchArg, roundsArg, ...variantArgs] = process.argv.slice(2);
const batch = Number(batchArg ?? 20);
const rounds = Number(roundsArg ?? 12);
const variants = variantArgs.length > 0 ? variantArgs : ["raw", "shell", "component"];
const components = {};
for (const v of variants) {
  if (v === "raw" || v === "shell") continue;
  const dir = v === "component" ? path.join(__dirname, "..", "lib") : path.resolve(v);
  components[v] = require(path.join(dir, "index.js")).DittoServer;
}

let waiting;
const counts = installMocks({
  onCount: () => {
    if (
      waiting &&
      counts.registrations >= waiting.target &&
      counts.outputRegistrations >= waiting.outputs
    )
      waiting.resolve();
  },
});

/** A variant's name: raw, shell, component, or the directory (its parent's name for a `lib` directory). */
const label = (v) =>
  !v.includes(path.sep)
    ? v
    : path.basename(v) === "lib"
      ? path.basename(path.dirname(v))
      : path.basename(v);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const held = [];

async function runBatch(variant, round) {
  const work = Array.from({ length: batch }, (_, i) => ({
    name: `v${variants.indexOf(variant)}-r${round}-s${i}`,
    args: spec(i),
  }));
  const planned = work.map((w) => planRaw(w.name, w.args));
  const expected = planned.reduce(
    (s, p) => s + customResourceCount(p) + (variant === "raw" ? 0 : 1),
    0,
  );
  global.gc?.();
  const done = new Promise(
    (resolve) =>
      (waiting = {
        target: counts.registrations + expected,
        outputs: counts.outputRegistrations + (variant === "raw" ? 0 : batch),
        resolve,
      }),
  );
  const c0 = process.cpuUsage();
  const awaited = [];
  if (variant === "raw" || variant === "shell") {
    for (const p of planned) awaited.push(registerRaw(p, held, {}, variant === "shell"));
  } else {
    for (const w of work) {
      const s = new components[variant](w.name, w.args);
      held.push(s);
      awaited.push(s.statefulSetName); // as construct.js: the StatefulSet, like raw's id
    }
  }
  await done;
  await new Promise((resolve) => pulumi.all(awaited).apply(resolve));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / batch;
}

async function main() {
  const per = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) per[v].push(await runBatch(v, round));
  }
  if (process.env.AB_VERBOSE)
    for (const v of variants) console.log(v, per[v].map((x) => x.toFixed(1)).join(" "));
  // The first two rounds warm up the JIT: drop them.
  const base = median(per[variants[0]].slice(2));
  for (const v of variants) {
    const m = median(per[v].slice(2));
    console.log(
      `${label(v).padEnd(14)} ${m.toFixed(2).padStart(8)} ms cpu/server   ${(m / base).toFixed(3)}x ${variants[0]}`,
    );
  }
}
main();
