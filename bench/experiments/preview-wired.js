"use strict";
/**
 * Experiment for figure 6: is the component's extra preview time its critical path? The component's owned Secrets
 * and StatefulSet take inputs derived from RandomPassword results, so they are sent to the engine only after the
 * random provider has answered; the raw baseline sends everything at once. `raw-wired` is the raw program with the
 * same dependency: each Secret's and the StatefulSet's fields wait on one more RandomPassword ("demo-gate").
 *
 *   node bench/experiments/preview-wired.js [reps=5]
 */
const os = require("os");
const path = require("path");
const { setUpPreview } = require("../preview");

const reps = Number(process.argv[2] ?? 5);
const root = path.resolve(__dirname, "..", "..");
const toolchain = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"),
  "dittofs-toolchain",
);
const bench = path.join(root, "bench");
const wired = `"use strict";
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { Provider } = require("@pulumi/kubernetes/provider");
const { exampleArgs } = require(${JSON.stringify(path.join(bench, "specs.js"))});
const { planRaw, registerRaw } = require(${JSON.stringify(path.join(bench, "raw-program.js"))});
const { RandomPassword } = require("@pulumi/random/randomPassword");
const provider = new Provider("render", { renderYamlToDirectory: path.join(__dirname, "rendered") });
const p = planRaw("demo", exampleArgs());
// The same registrations as raw, but the Secrets and the StatefulSet wait for a RandomPassword, as in the component.
const gate = new RandomPassword("demo-gate", { length: 32, special: false });
const wait = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === "kind" ? v : pulumi.all([gate.result]).apply(() => v)]));
p.objects = p.objects.map((o) => (o.kind === "Secret" || o.kind === "StatefulSet" ? wait(o) : o));
exports.statefulSetId = registerRaw(p, [], { provider });
`;
const env = setUpPreview({
  toolchain,
  providers: path.join(toolchain, "providers"),
  root,
  extraPrograms: { "raw-wired": wired },
});
try {
  const runs = { component: [], raw: [], "raw-wired": [] };
  for (const w of Object.keys(runs)) env.preview(w); // warm-up (plugin binaries into the page cache)
  for (let i = 0; i < reps; i++) for (const w of Object.keys(runs)) runs[w].push(env.preview(w).ms);
  const med = (x) => [...x].sort((a, b) => a - b)[x.length >> 1];
  for (const [w, v] of Object.entries(runs))
    console.log(
      `${w.padEnd(10)} ${med(v).toFixed(0)} ms  (${(med(v) / med(runs.raw)).toFixed(2)}x raw)  ${v.map((x) => x.toFixed(0)).join(" ")}`,
    );
} finally {
  env.cleanUp();
}
