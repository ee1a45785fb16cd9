"use strict";
/**
 * Experiment for figure 5: `dittofs render` as built (lib/cli/main.js + yaml: ~100 CommonJS modules) vs the same
 * code concatenated into one file (cjs-bundle.js), vs a bare `node -e 0`. Same output (checked, digest aside: the
 * generated secrets feed it). Wall and children-CPU medians of interleaved runs.
 *
 *   node bench/experiments/render-bundle.js [reps=15]
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { bundle } = require("./cjs-bundle");

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLES = path.join(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "reference",
  "operator-feb2026",
  "samples",
);
const reps = Number(process.argv[2] ?? 15);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-bundle-"));
const modules = bundle(path.join(ROOT, "lib", "cli", "main.js"), path.join(dir, "cli.js"));
fs.writeFileSync(
  path.join(dir, "dittofs.js"),
  'require("./cli.js").main(process.argv.slice(2));\n',
);

const childrenCpuMs = () => {
  const s = fs.readFileSync("/proc/self/stat", "utf8");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
};
const files = [
  ["-f", path.join(SAMPLES, "ditto.io_v1alpha1_dittoserver.yaml")],
  ["-f", path.join(SAMPLES, "dittofs_secrets.yaml")],
  ["-f", path.join(SAMPLES, "dittofs_s3_secret.yaml")],
].flat();
const cmds = {
  "node -e 0": ["-e", "0"],
  "bin/dittofs.js (as built)": [path.join(ROOT, "bin", "dittofs.js"), "render", ...files],
  "one-file bundle": [path.join(dir, "dittofs.js"), "render", ...files],
};
const env = { ...process.env, DITTOFS_HASH_KEY: "k" };
const outputs = {};
const res = Object.fromEntries(Object.keys(cmds).map((k) => [k, { wall: [], cpu: [] }]));
try {
  for (let i = 0; i < reps; i++) {
    for (const [k, args] of Object.entries(cmds)) {
      const c0 = childrenCpuMs();
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
      res[k].wall.push(performance.now() - t0);
      res[k].cpu.push(childrenCpuMs() - c0);
      if (r.status !== 0) throw new Error(`${k}: ${r.stderr}`);
      outputs[k] = r.stdout.replace(/(config-hash: |password: |jwt-secret: )\S+/g, "$1<x>");
    }
  }
  if (outputs["bin/dittofs.js (as built)"] !== outputs["one-file bundle"])
    throw new Error("outputs differ");
  const med = (x) => [...x].sort((a, b) => a - b)[x.length >> 1];
  const bare = res["node -e 0"];
  console.log(
    `${modules} modules bundled; ${reps} interleaved runs; outputs identical (digest and generated values aside)`,
  );
  for (const [k, v] of Object.entries(res)) {
    console.log(
      `${k.padEnd(28)} wall ${med(v.wall).toFixed(0).padStart(4)} ms (${(med(v.wall) / med(bare.wall)).toFixed(2)}x)` +
        `   cpu ${String(med(v.cpu)).padStart(4)} ms (${(med(v.cpu) / med(bare.cpu)).toFixed(2)}x)`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
