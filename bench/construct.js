"use strict";
/**
 * One construction measurement in a fresh process (setMocks is process-global):
 *
 *   node --expose-gc bench/construct.js component N   N DittoServers (bench/specs.js)
 *   node --expose-gc bench/construct.js raw N         the identical objects registered by hand with @pulumi/kubernetes
 *   node --expose-gc bench/construct.js reads N       N DittoServers referencing the same 2 Secrets (figure 4)
 *
 * Both construction modes load the same modules and precompute the same plain manifests (pure builders) before the
 * clock starts; the clock runs from just before the first constructor until the mock has seen every expected
 * registration and the awaited outputs have resolved. Prints one JSON line.
 */
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { ConfigMap } = require("@pulumi/kubernetes/core/v1/configMap");
const { Secret } = require("@pulumi/kubernetes/core/v1/secret");
const { Service } = require("@pulumi/kubernetes/core/v1/service");
const { StatefulSet } = require("@pulumi/kubernetes/apps/v1/statefulSet");
const { CustomResource } = require("@pulumi/kubernetes/apiextensions/customResource");
const { RandomPassword } = require("@pulumi/random/randomPassword");

const LIB = path.resolve(__dirname, "..", "lib");
const { DittoServer } = require(path.join(LIB, "index.js"));
const { renderServer } = require(path.join(LIB, "render.js"));
const { resolveSpec } = require(path.join(LIB, "spec", "resolve.js"));
const { secretRefs, secretReads } = require(path.join(LIB, "secrets", "references.js"));
const { ownedSecretNames } = require(path.join(LIB, "k8s", "secrets.js"));
const { servers } = require("./specs");

const [mode, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!["component", "raw", "reads"].includes(mode) || !(count > 0)) {
  console.error("usage: node --expose-gc bench/construct.js component|raw|reads N");
  process.exit(2);
}
const gc = global.gc ?? (() => {});

// ---- the mock: counts registrations, answers Secret reads, fakes RandomPassword results ----
const SHARED = {
  "shared/jwt": { token: Buffer.from("a-shared-jwt-signing-secret-0123456789").toString("base64") },
  "shared/s3": {
    accessKeyId: Buffer.from("AKIASHARED").toString("base64"),
    secretAccessKey: Buffer.from("shared-secret-access-key").toString("base64"),
  },
};
const readsPerSecret = {};
let registrations = 0;
let target = Infinity;
let allRegistered;
const registeredAll = new Promise((resolve) => (allRegistered = resolve));

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registrations++;
      if (registrations >= target) allRegistered();
      if (args.type === "kubernetes:core/v1:Secret" && args.id) {
        readsPerSecret[args.id] = (readsPerSecret[args.id] ?? 0) + 1;
        const data = SHARED[args.id];
        if (!data) throw new Error(`secrets "${args.id}" not found`);
        const [namespace, name] = args.id.split("/");
        return { id: args.id, state: { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, data } };
      }
      if (args.type === "random:index/randomPassword:RandomPassword") {
        return { id: `${args.name}-id`, state: { ...args.inputs, result: "r".repeat(args.inputs.length) } };
      }
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args) {
      return args.inputs;
    },
  },
  "bench",
  "bench",
  false,
);

const valueOf = (output) => new Promise((resolve) => output.apply(resolve));

// ---- the workload ----
function readsWorkload(n) {
  return Array.from({ length: n }, (_, i) => ({
    name: `reader-${i}`,
    args: {
      namespace: "shared",
      storage: { metadataSize: "1Gi" },
      identity: { jwt: { secretRef: { name: "jwt", key: "token" } } },
      s3: { credentialsSecretRef: { secretName: "s3" } },
    },
  }));
}

const work = mode === "reads" ? readsWorkload(count) : servers(count);

// Precomputed in every mode (same JIT warm-up and retained heap): the plain objects, their Secret roles and which
// RandomPasswords the component generates. The raw baseline registers exactly these.
const planned = work.map(({ name, args }) => {
  const { plan } = resolveSpec(name, JSON.parse(JSON.stringify(args)));
  const refs = secretRefs(plan);
  const rendered = renderServer(name, JSON.parse(JSON.stringify(args)), mode === "reads" ? readData(plan) : {}, "k", {
    jwtSecret: "j".repeat(32),
    adminInitialPassword: "a".repeat(24),
  });
  return {
    name,
    objects: rendered.objects,
    roles: ownedSecretNames(refs).map(([role]) => role),
    jwtGenerated: refs.jwt.generated,
    adminGenerated: refs.adminInitial.generated,
    deleteWithServer: plan.spec.percona.deleteWithServer,
    reads: secretReads(refs).length,
  };
});
function readData(plan) {
  const out = {};
  for (const [id, data] of Object.entries(SHARED)) {
    const [ns, name] = id.split("/");
    if (ns === plan.namespace) out[name] = data;
  }
  return out;
}

const customPerServer = (p) => p.objects.length + 1 + (p.jwtGenerated ? 1 : 0) + (p.adminGenerated ? 1 : 0);
const expected = planned.reduce(
  (sum, p) => sum + customPerServer(p) + (mode === "raw" ? 0 : 1 + p.reads),
  0,
);

function registerRaw(p, held) {
  const keep = (r) => (held.push(r), r);
  const secrets = [];
  let configMap;
  let percona;
  let statefulSet;
  let service = 0;
  keep(new RandomPassword(`${p.name}-config-hash-key`, { length: 32, special: false }));
  if (p.jwtGenerated) keep(new RandomPassword(`${p.name}-jwt`, { length: 32, special: false }));
  if (p.adminGenerated)
    keep(new RandomPassword(`${p.name}-admin-password`, { length: 24, special: true, overrideSpecial: "_-" }));
  for (const obj of p.objects) {
    switch (obj.kind) {
      case "Secret":
        secrets.push(
          keep(new Secret(`${p.name}-${p.roles[secrets.length]}-secret`, { ...obj, data: pulumi.secret(obj.data) })),
        );
        break;
      case "ConfigMap":
        configMap = keep(new ConfigMap(`${p.name}-config`, obj));
        break;
      case "Service": {
        // Services come headless, file, api, metrics (manifestList order).
        const suffix = ["headless", "file", "api", "metrics"][service++];
        keep(new Service(`${p.name}-${suffix}`, obj));
        break;
      }
      case "PerconaPGCluster":
        percona = keep(new CustomResource(`${p.name}-postgres`, obj, { retainOnDelete: !p.deleteWithServer }));
        break;
      case "StatefulSet":
        statefulSet = keep(
          new StatefulSet(`${p.name}-statefulset`, obj, {
            dependsOn: [...secrets, configMap, ...(percona ? [percona] : [])],
          }),
        );
        break;
      default:
        throw new Error(`unexpected kind ${obj.kind}`);
    }
  }
  return statefulSet.id;
}

async function main() {
  gc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  target = expected;
  const profiler = process.env.BENCH_CPU_PROFILE ? await startProfile() : undefined;
  const t0 = process.hrtime.bigint();
  const awaited = [];
  const held = []; // what the program keeps: every resource object (raw) or every DittoServer (component)
  if (mode === "raw") {
    for (const p of planned) awaited.push(registerRaw(p, held));
  } else {
    for (const { name, args } of work) {
      const s = new DittoServer(name, args);
      held.push(s);
      awaited.push(s.statefulSetName, s.configHash, s.generatedSecretNames, s.nfsEndpoint);
    }
  }
  await registeredAll;
  await valueOf(pulumi.all(awaited));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (profiler) await profiler.stop(process.env.BENCH_CPU_PROFILE);
  gc();
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  if (process.env.BENCH_HEAP_SNAPSHOT) require("v8").writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
  process.stdout.write(
    `${JSON.stringify({ mode, count, ms, heapBefore, heapAfter, registrations, expected, readsPerSecret })}\n`,
  );
}

/** BENCH_CPU_PROFILE=FILE: a V8 CPU profile of the timed window only (inspector), for bench/profile-summary.js. */
async function startProfile() {
  const inspector = require("inspector");
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 200 });
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
  console.error(`timeout: ${registrations}/${expected} registrations`);
  process.exit(3);
}, 120000).unref();
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
