"use strict";
/**
 * Experiment for figure 1: the component as built now (lib/) against builds of other git revisions, checked to
 * register exactly the same resources and outputs (registrations.js, plain and preview), then measured against the raw
 * baseline with ab.js (one process, alternating batches: far less noisy than run.js).
 *
 *   node bench/experiments/component-variants.js [batch=20] [rounds=16] [revision ...]
 *
 * Each revision (default: HEAD, i.e. the last commit, to compare uncommitted work with it) is built from its own
 * `src/` with this repository's tsconfig into a temporary directory whose node_modules links to the repository's.
 * A build whose registrations differ from lib/'s is reported and not measured.
 */
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const BENCH = path.join(ROOT, "bench");
const LIB = path.join(ROOT, "lib");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-variants-"));
fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(OUT, "node_modules"), "dir");
const [batch = "20", rounds = "16", ...revisions] = process.argv.slice(2);
if (revisions.length === 0) revisions.push("HEAD");

/** Builds `src/` of a git revision into OUT/<name>/lib; returns that directory. */
function build(revision) {
  const name = revision.replace(/[^A-Za-z0-9._-]/g, "_");
  const dir = path.join(OUT, name);
  fs.mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", revision, "src"], {
    cwd: ROOT,
    maxBuffer: 256 << 20,
  });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  for (const f of ["tsconfig.json", "tsconfig.build.json", "package.json"])
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.build.json")],
    { cwd: dir, stdio: "inherit" },
  );
  return path.join(dir, "lib");
}

const digest = (dir, preview) => {
  const args = [path.join(__dirname, "registrations.js"), dir, ...(preview ? ["--preview"] : [])];
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};
const digests = (dir) => `${digest(dir, false)}\n${" ".repeat(16)}${digest(dir, true)}`;

const reference = digests(LIB);
console.log(`lib/            ${reference}`);
const dirs = [];
for (const revision of revisions) {
  try {
    const dir = build(revision);
    const d = digests(dir);
    const same = d === reference;
    console.log(
      `${revision.padEnd(15)} ${d}${same ? "  (identical)" : "  DIFFERENT: not measured"}`,
    );
    if (same) dirs.push(dir);
  } catch (e) {
    console.log(`${revision.padEnd(15)} skipped: ${e.message}`);
  }
}
const ab = spawnSync(
  process.execPath,
  ["--expose-gc", path.join(BENCH, "ab.js"), batch, rounds, "raw", "shell", "component", ...dirs],
  { stdio: "inherit" },
);
fs.rmSync(OUT, { recursive: true, force: true });
process.exitCode = ab.status ?? 1;
