"use strict";
/**
 * Experiment for figure 1: copies of the built package (lib/) with the changes bench/README.md recommends applied to
 * lib/component/ditto-server.js, checked to register exactly the same objects and outputs (registrations.js), then
 * measured against the raw baseline with ab.js (one process, alternating batches: far less noisy than run.js).
 *
 *   node bench/experiments/component-variants.js [batch=20] [rounds=16]
 *
 * Variants (in a temporary directory whose node_modules links to the repository's, rebuilt from the current lib/):
 *   dedupe        known args: render the config once, no skeleton manifests, no Output of the plan (config,
 *                 digest and endpoints from the plain plan), owned-Secret data Outputs only for Secrets that exist
 *   no-outputs    registerOutputs({}) instead of the 14 outputs
 *   both          dedupe + no-outputs
 * A patch whose text is not found (src changed since) is reported and its variants skipped.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const BENCH = path.resolve(__dirname, "..");
const LIB = path.resolve(BENCH, "..", "lib");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-variants-"));
fs.symlinkSync(path.join(BENCH, "..", "node_modules"), path.join(OUT, "node_modules"), "dir");
const [batch = "20", rounds = "16"] = process.argv.slice(2);

const PATCHES = {
  dedupe: [
    [
      `        const config = planned.later.apply((p) => (0, render_config_1.renderConfig)(p.spec, p.values.postgresConnection));
        const derived = pulumi
            .all([planned.later, config, material, hashKey.result])`,
      `        const known = (0, output_args_1.deferredPaths)(args).length === 0;
        const configText = known ? (0, render_config_1.renderConfig)(structure.spec, structure.values.postgresConnection) : undefined;
        const config = known ? configText : planned.later.apply((p) => (0, render_config_1.renderConfig)(p.spec, p.values.postgresConnection));
        const derived = pulumi
            .all([known ? structure : planned.later, config, material, hashKey.result])`,
    ],
    [
      `for (const role of ["jwt", "admin", "postgres", "s3"]) {`,
      `for (const [role] of (0, secrets_1.ownedSecretNames)(refs)) {`,
    ],
    [
      `        const known = (0, output_args_1.deferredPaths)(args).length === 0;
        const manifests = known
            ? (0, manifests_1.buildManifests)(structure, refs, (0, render_config_1.renderConfig)(structure.spec, structure.values.postgresConnection), hash, ownedData)`,
      `        const manifests = known
            ? (0, manifests_1.buildManifests)(structure, refs, configText, hash, ownedData)`,
    ],
    [
      `const skeleton = (0, manifests_1.buildManifests)(structure, refs, "", "", {});`,
      `const skeleton = known ? undefined : (0, manifests_1.buildManifests)(structure, refs, "", "", {});`,
    ],
    [
      `        const p = planned.later;\n`,
      `        const p = known ? { apply: (f) => pulumi.output(f(structure)) } : planned.later;\n`,
    ],
  ],
  "no-outputs": [[/this\.registerOutputs\(\{[^}]*\}\);/, "this.registerOutputs({});"]],
};
const VARIANTS = {
  dedupe: ["dedupe"],
  "no-outputs": ["no-outputs"],
  both: ["dedupe", "no-outputs"],
};

function build(name, patchNames) {
  const dir = path.join(OUT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(LIB, dir, { recursive: true });
  const file = path.join(dir, "component", "ditto-server.js");
  let text = fs.readFileSync(file, "utf8");
  for (const p of patchNames) {
    for (const [find, replace] of PATCHES[p]) {
      const found = typeof find === "string" ? text.includes(find) : find.test(text);
      if (!found)
        throw new Error(`patch ${p}: text not found (src changed?): ${String(find).slice(0, 80)}`);
      text = text.replace(find, replace);
    }
  }
  fs.writeFileSync(file, text);
  return dir;
}

const digest = (dir) => {
  const r = spawnSync(process.execPath, [path.join(__dirname, "registrations.js"), dir], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};

const reference = digest(LIB);
console.log(`lib/            ${reference}`);
const dirs = [];
for (const [name, patches] of Object.entries(VARIANTS)) {
  try {
    const dir = build(name, patches);
    const d = digest(dir);
    console.log(
      `${name.padEnd(15)} ${d}${d === reference ? "  (identical)" : "  DIFFERENT: not measured"}`,
    );
    if (d === reference) dirs.push(dir);
  } catch (e) {
    console.log(`${name.padEnd(15)} skipped: ${e.message}`);
  }
}
const ab = spawnSync(
  process.execPath,
  ["--expose-gc", path.join(BENCH, "ab.js"), batch, rounds, "raw", "shell", "component", ...dirs],
  { stdio: "inherit" },
);
fs.rmSync(OUT, { recursive: true, force: true });
process.exitCode = ab.status ?? 1;
