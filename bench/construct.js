"use strict";
/**
 * One construction measurement in a fresh process (setMocks is process-global):
 *
 *   node --expose-gc bench/construct.js component N   N DittoServers (bench/specs.js)
 *   node --expose-gc bench/construct.js raw N         the identical objects registered by hand with @pulumi/kubernetes
 *   node --expose-gc bench/construct.js shell N       the same, under a bare ComponentResource per server
 *   node --expose-gc bench/construct.js reads N       N DittoServers referencing the same 2 Secrets (figure 4)
 *
 * Both construction modes load the same modules and precompute the same plain manifests (pure builders) before the
 * clock starts; the clock runs from just before the first constructor until the mock has seen every expected
 * registration (and every component's RegisterResourceOutputs) and the awaited outputs have resolved: per server, the
 * StatefulSet's id (raw, shell) or the DittoServer's `statefulSetName` (its StatefulSet's metadata.name), which both
 * resolve when the StatefulSet's registration is answered. `BENCH_AWAIT_ALL=1` awaits four DittoServer outputs
 * (statefulSetName, configHash, generatedSecretNames, nfsEndpoint), as the first versions did. `BENCH_WORKLOAD=v029`
 * runs the v0.29 model's workload of bench/specs.js instead of the Feb one. Prints one JSON line.
 */
const path = require("path");
const { PerformanceObserver } = require("perf_hooks");
const pulumi = require("@pulumi/pulumi");
const { planRaw, registerRaw, customResourceCount } = require("./raw-program");
const { installMocks } = require("./mock-runtime");
// BENCH_LIB: a different build of the package (e.g. a patched copy) for the component side and for the precomputation
// (raw-program.js), so that its pure builders are as warm as lib/'s in a normal run.
const { DittoServer } = require(
  path.resolve(process.env.BENCH_LIB ?? path.join(__dirname, "..", "lib"), "index.js"),
);
const { servers } = require("./specs");

const [mode, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!["component", "raw", "shell", "reads"].includes(mode) || !(count > 0)) {
  console.error("usage: node --expose-gc bench/construct.js component|raw|shell|reads N");
  process.exit(2);
}
const gc = global.gc ?? (() => {});
const AWAIT_ALL = process.env.BENCH_AWAIT_ALL === "1";

// ---- the mock: counts registrations, answers Secret reads, fakes RandomPassword results ----
const SHARED = {
  "shared/jwt": { token: Buffer.from("a-shared-jwt-signing-secret-0123456789").toString("base64") },
  "shared/s3": {
    accessKeyId: Buffer.from("AKIASHARED").toString("base64"),
    secretAccessKey: Buffer.from("shared-secret-access-key").toString("base64"),
  },
};
let target = Infinity;
let outputTarget = Infinity;
let allRegistered;
const registeredAll = new Promise((resolve) => (allRegistered = resolve));
const counts = installMocks({
  secrets: SHARED,
  onCount: () => {
    if (counts.registrations >= target && counts.outputRegistrations >= outputTarget)
      allRegistered();
  },
});

const valueOf = (output) => new Promise((resolve) => output.apply(resolve));

// ---- the workload ----
function readsWorkload(n) {
  return Array.from({ length: n }, (_, i) => ({
    name: `reader-${i}`,
    args: {
      operatorRelease: "2026-02",
      namespace: "shared",
      storage: { metadataSize: "1Gi" },
      identity: { jwt: { secretRef: { name: "jwt", key: "token" } } },
      s3: { credentialsSecretRef: { secretName: "s3" } },
    },
  }));
}

const work =
  mode === "reads" ? readsWorkload(count) : servers(count, process.env.BENCH_WORKLOAD ?? "feb");

// Precomputed in every mode (same JIT warm-up and retained heap): the plain objects, their Secret roles and which
// RandomPasswords the component generates. The raw baseline registers exactly these.
const planned = work.map(({ name, args }) => planRaw(name, args, readData(args.namespace)));
function readData(namespace) {
  const out = {};
  for (const [id, data] of Object.entries(SHARED)) {
    const [ns, name] = id.split("/");
    if (ns === namespace) out[name] = data;
  }
  return out;
}

// The component's Secret reads are shared across servers: one per distinct namespace/name.
const distinctReads = new Set(planned.flatMap((p) => p.readIds)).size;
const expected =
  planned.reduce((sum, p) => sum + customResourceCount(p) + (mode === "raw" ? 0 : 1), 0) +
  (mode === "reads" || mode === "component" ? distinctReads : 0);

// BENCH_EXIT=before|after (experiments/instructions.js): leave at once, without exit handlers, just before the clock
// starts or just after it stops, so that an instruction count of the process brackets the timed window.
const exitAt = (when) => process.env.BENCH_EXIT === when && process.reallyExit(0);

async function main() {
  gc();
  gc();
  exitAt("before");
  const heapBefore = process.memoryUsage().heapUsed;
  target = expected;
  outputTarget = mode === "raw" ? 0 : work.length;
  const profiler = process.env.BENCH_CPU_PROFILE ? await startProfile() : undefined;
  // Garbage-collection pauses in the timed window (main thread), reported apart: part of the cost, not noise.
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  const promises = process.env.BENCH_COUNT_PROMISES === "1" ? countPromises() : undefined;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const awaited = [];
  const held = []; // what the program keeps: every resource object (raw) or every DittoServer (component)
  if (mode === "raw" || mode === "shell") {
    for (const p of planned) awaited.push(registerRaw(p, held, {}, mode === "shell"));
  } else {
    for (const { name, args } of work) {
      const s = new DittoServer(name, args);
      held.push(s);
      if (AWAIT_ALL)
        awaited.push(s.statefulSetName, s.configHash, s.generatedSecretNames, s.nfsEndpoint);
      else awaited.push(s.statefulSetName);
    }
  }
  await registeredAll;
  await valueOf(pulumi.all(awaited));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  exitAt("after");
  promises?.stop();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the observer is called asynchronously
  gcObserver.disconnect();
  if (profiler) await profiler.stop(process.env.BENCH_CPU_PROFILE);
  gc();
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  if (process.env.BENCH_HEAP_SNAPSHOT)
    require("v8").writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
  process.stdout.write(
    `${JSON.stringify({ mode, count, ms, cpuMs, gcMs, heapBefore, heapAfter, registrations: counts.registrations, expected, outputRegistrations: counts.outputRegistrations, readsPerSecret: counts.readsPerSecret, promises: promises?.count })}\n`,
  );
}

/**
 * BENCH_COUNT_PROMISES=1: the promises created in the timed window (async_hooks), reported as `promises`. Unlike time,
 * the count does not depend on machine load: it is how a change to the component's Output plumbing is measured.
 */
function countPromises() {
  const counter = { count: 0 };
  const hook = require("async_hooks")
    .createHook({
      init(_id, type) {
        if (type === "PROMISE") counter.count++;
      },
    })
    .enable();
  counter.stop = () => hook.disable();
  return counter;
}

/** BENCH_CPU_PROFILE=FILE: a V8 CPU profile of the timed window only (inspector), for bench/profile-summary.js. */
async function startProfile() {
  const inspector = require("inspector");
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))),
    );
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", {
    interval: Number(process.env.BENCH_PROFILE_INTERVAL ?? 200),
  });
  await post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await post("Profiler.stop");
      require("fs").writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

setTimeout(() => {
  console.error(`timeout: ${counts.registrations}/${expected} registrations`);
  process.exit(3);
}, 120000).unref();
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
