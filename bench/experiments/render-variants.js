"use strict";
/**
 * Experiment for figure 5: `dittofs render` as built now (bin/ + lib/dittofs-cli.js + its code cache) against the same
 * CLI built from other git revisions (default `HEAD`: uncommitted work against the last commit), against the same
 * bundle without its code cache, and against the two baselines of figure 5 (`node -e 0`, a node process printing one
 * object). Each revision's `src/`, `bin/` and `scripts/` are built with this repository's esbuild into a temporary
 * directory, with that revision's code-cache step. Outputs are checked identical (generated values and the digest
 * aside). Interleaved runs; wall and children-CPU medians, and the median of per-round ratios to `node -e 0`.
 *
 *   node bench/experiments/render-variants.js [rounds=15] [revision ...]
 */
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLES = path.join(ROOT, "..", "shared", "reference", "operator-feb2026", "samples");
const [roundsArg = "15", ...revisions] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (revisions.length === 0) revisions.push("HEAD");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-variants-"));

/** Builds the CLI of a git revision into OUT/<name>; returns its bin/dittofs.js. */
function build(revision) {
  const dir = path.join(OUT, revision.replace(/[^A-Za-z0-9._-]/g, "_"));
  fs.mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", revision, "src", "bin", "scripts"], {
    cwd: ROOT,
    maxBuffer: 256 << 20,
  });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  execFileSync(
    path.join(ROOT, "node_modules", ".bin", "esbuild"),
    [
      "src/cli/main.ts",
      "--bundle",
      "--platform=node",
      "--target=node20",
      "--format=cjs",
      "--log-level=warning",
      "--outfile=lib/dittofs-cli.js",
    ],
    { cwd: dir, stdio: "inherit" },
  );
  execFileSync(process.execPath, ["scripts/cli-code-cache.js"], { cwd: dir, stdio: "inherit" });
  return path.join(dir, "bin", "dittofs.js");
}

const childrenCpuMs = () => {
  const s = fs.readFileSync("/proc/self/stat", "utf8");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
};
const files = [
  "--operator-release",
  "2026-02",
  ...["dittofs-s3-smb-server.yaml", "dittofs_secrets.yaml", "dittofs_s3_secret.yaml"].flatMap(
    (f) => ["-f", path.join(SAMPLES, f)],
  ),
];
const noCache = `const b=require(${JSON.stringify(path.join(ROOT, "bin", "load-bundle.js"))});b.compileBundle(${JSON.stringify(path.join(ROOT, "lib", "dittofs-cli.js"))}).exports.main(process.argv.slice(1))`;
const cmds = {
  "node -e 0": ["-e", "0"],
  "floor (prints one object)": [
    "-e",
    "console.log(JSON.stringify({apiVersion:'v1',kind:'ConfigMap',metadata:{name:'floor'},data:{a:'b'}}))",
  ],
  "lib/ (as built)": [path.join(ROOT, "bin", "dittofs.js"), "render", ...files],
  "lib/ without code cache": ["-e", noCache, "render", ...files],
};
try {
  for (const revision of revisions) cmds[revision] = [build(revision), "render", ...files];
  const env = { ...process.env, DITTOFS_HASH_KEY: "k" };
  const outputs = {};
  const res = Object.fromEntries(Object.keys(cmds).map((k) => [k, { wall: [], cpu: [] }]));
  for (let i = 0; i < rounds; i++) {
    for (const [k, args] of Object.entries(cmds)) {
      const c0 = childrenCpuMs();
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
      res[k].wall.push(performance.now() - t0);
      res[k].cpu.push(childrenCpuMs() - c0);
      if (r.status !== 0) throw new Error(`${k}: ${r.stderr}`);
      if (args.includes("render"))
        outputs[k] = r.stdout.replace(/(config-hash: |password: |jwt-secret: )\S+/g, "$1<x>");
    }
  }
  const reference = outputs["lib/ (as built)"];
  for (const [k, out] of Object.entries(outputs))
    if (out !== reference) throw new Error(`${k}: output differs from lib/'s`);
  const med = (x) => {
    const s = [...x].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const bare = res["node -e 0"];
  console.log(
    `${rounds} interleaved rounds; outputs identical (digest and generated values aside); load ${os.loadavg()[0].toFixed(1)}`,
  );
  for (const [k, v] of Object.entries(res)) {
    const ratio = med(v.wall.map((w, i) => w / bare.wall[i]));
    console.log(
      `${k.padEnd(28)} wall ${med(v.wall).toFixed(0).padStart(4)} ms (${ratio.toFixed(2)}x bare)` +
        `   cpu ${String(med(v.cpu)).padStart(4)} ms`,
    );
  }
} finally {
  fs.rmSync(OUT, { recursive: true, force: true });
}
