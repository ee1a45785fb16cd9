"use strict";
/**
 * Figure 6 set-up: two throw-away Pulumi projects in a temporary directory — the example DittoServer, and the same
 * objects declared by hand (bench/raw-program.js) — each with the kubernetes provider in renderYamlToDirectory mode
 * (no cluster), a local file backend, a private PULUMI_HOME, and the engine, language host and providers of the
 * dittofs toolchain (providers found on PATH: nothing is downloaded).
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

function programs(root) {
  const bench = path.join(root, "bench");
  const header = `"use strict";
const path = require("path");
const { Provider } = require("@pulumi/kubernetes/provider");
const { exampleArgs } = require(${JSON.stringify(path.join(bench, "specs.js"))});
const provider = new Provider("render", { renderYamlToDirectory: path.join(__dirname, "rendered") });
`;
  return {
    component: `${header}const { DittoServer } = require(${JSON.stringify(path.join(root, "lib", "index.js"))});
const server = new DittoServer("demo", exampleArgs(), { providers: { kubernetes: provider } });
exports.nfsEndpoint = server.nfsEndpoint;
exports.configHash = server.configHash;
`,
    raw: `${header}const { planRaw, registerRaw } = require(${JSON.stringify(path.join(bench, "raw-program.js"))});
exports.statefulSetId = registerRaw(planRaw("demo", exampleArgs()), [], { provider });
`,
  };
}

/**
 * `extraPrograms`: more programs by name (source text, the same header available as `header`), for experiments.
 */
function setUpPreview({ toolchain, providers, root, extraPrograms = {} }) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-bench-preview-"));
  const env = {
    ...process.env,
    PATH: [path.join(toolchain, "bin"), providers, process.env.PATH].join(path.delimiter),
    PULUMI_HOME: path.join(work, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
  };
  fs.mkdirSync(env.PULUMI_HOME);
  fs.mkdirSync(path.join(work, "state"));
  const pulumi = path.join(toolchain, "bin", "pulumi");
  const run = (args, cwd) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(pulumi, args, {
      cwd,
      env,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      timeout: 300000,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.error) throw r.error;
    if (r.status !== 0)
      throw new Error(
        `pulumi ${args.join(" ")} (${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`,
      );
    return { ms, stdout: r.stdout };
  };
  const dirs = {};
  for (const [which, source] of Object.entries({ ...programs(root), ...extraPrograms })) {
    const dir = path.join(work, which);
    fs.mkdirSync(dir);
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      `name: bench-${which}\nruntime: nodejs\nmain: index.js\n`,
    );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      `{ "name": "bench-${which}", "private": true, "main": "index.js" }\n`,
    );
    fs.writeFileSync(path.join(dir, "index.js"), source);
    run(["stack", "init", "bench", "--non-interactive"], dir);
    dirs[which] = dir;
  }
  const version = run(["version"], work).stdout.trim();
  return {
    version,
    preview(which) {
      const r = run(
        ["preview", "--stack", "bench", "--non-interactive", "--color", "never"],
        dirs[which],
      );
      const m = r.stdout.match(/\+\s+(\d+)\s+to create/);
      return { ms: r.ms, toCreate: m ? Number(m[1]) : null };
    },
    cleanUp() {
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

module.exports = { setUpPreview, programs };
