"use strict";
/**
 * Prints digests of everything a build of the package registers, under mocks: two builds with the same digests
 * register identical resources and outputs.
 *
 *   node bench/experiments/registrations.js [LIB_DIR=lib] [--preview] [--verbose]
 *
 * The workload: the 8 mixed servers of bench/specs.js, plus servers that read the user's Secrets (shared across
 * servers), pass secret values as Outputs, secrets and Promises, and hold Outputs in the spec. Three digests:
 *   requests    every RegisterResource / ReadResource request the runtime sends (type, name, parent, inputs with
 *               their secret markers, dependencies, property dependencies, provider, options such as
 *               retainOnDelete), source positions and stack traces aside, dependency lists sorted
 *   registered  every RegisterResourceOutputs request: the component outputs recorded in state
 *   properties  each DittoServer's 16 output properties: value, known, secret, and the resources they depend on
 * `--preview` runs as a preview in which RandomPassword results are unknown (as on a first `pulumi preview`), which
 * exercises unknown values and the dependencies carried through them. `--verbose` prints the records.
 */
const crypto = require("crypto");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const settings = require("@pulumi/pulumi/runtime/settings");
const { servers } = require("../specs");

const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const preview = flags.includes("--preview");
const verbose = flags.includes("--verbose");
const b64 = (s) => Buffer.from(s).toString("base64");
const CLUSTER = {
  "shared/jwt": { token: b64("a-shared-jwt-signing-secret-0123456789") },
  "shared/s3": { accessKeyId: b64("AKIASHARED"), secretAccessKey: b64("shared-secret-key") },
  "shared/pg": { url: b64("postgres://u:p@db:5432/d?sslmode=disable") },
  "shared/admin": { hash: b64("$2a$10$abcdefghijklmnopqrstuv"), initial: b64("initial-password") },
};

pulumi.runtime.setMocks(
  {
    newResource(a) {
      if (a.id) {
        const data = CLUSTER[a.id];
        if (!data) throw new Error(`secrets "${a.id}" not found`);
        return { id: a.id, state: { apiVersion: "v1", kind: "Secret", data } };
      }
      if (a.type.startsWith("random:")) {
        // In a first preview the engine does not know generated values yet.
        const state = preview
          ? { ...a.inputs }
          : { ...a.inputs, result: "r".repeat(a.inputs.length) };
        return { id: a.name, state };
      }
      return { id: a.name, state: a.inputs };
    },
    call: (a) => a.inputs,
  },
  "bench",
  "bench",
  preview,
);

const sortedDeps = (o) => {
  o.dependenciesList?.sort();
  for (const [, v] of o.propertydependenciesMap ?? []) v.urnsList.sort();
  delete o.sourceposition;
  delete o.stacktrace;
  delete o.parentstacktracehandle;
  return o;
};
const requests = [];
const registered = [];
const monitor = settings.getMonitor();
for (const [method, into] of [
  ["registerResource", requests],
  ["readResource", requests],
  ["registerResourceOutputs", registered],
]) {
  const original = monitor[method].bind(monitor);
  monitor[method] = (req, callback) => {
    into.push(JSON.stringify([method, sortedDeps(req.toObject())]));
    return original(req, callback);
  };
}

const lib = path.resolve(
  process.argv.slice(2).find((a) => !a.startsWith("--")) ?? path.join(__dirname, "..", "..", "lib"),
);
const { DittoServer } = require(path.join(lib, "index.js"));

const extra = [
  {
    name: "reader-0",
    args: {
      operatorRelease: "2026-02",
      namespace: "shared",
      storage: { metadataSize: "1Gi" },
      identity: {
        jwt: { secretRef: { name: "jwt", key: "token" } },
        admin: {
          passwordSecretRef: { name: "admin", key: "hash" },
          initialPasswordSecretRef: { name: "admin", key: "initial" },
        },
      },
      database: { type: "postgres", postgresSecretRef: { name: "pg", key: "url" } },
      s3: { credentialsSecretRef: { secretName: "s3" } },
    },
  },
  {
    name: "reader-1",
    args: {
      operatorRelease: "2026-02",
      namespace: "shared",
      storage: { metadataSize: "1Gi" },
      identity: { jwt: { secretRef: { name: "jwt", key: "token" } } },
      s3: { credentialsSecretRef: { secretName: "s3" } },
    },
  },
  {
    name: "values-as-outputs",
    args: {
      operatorRelease: "2026-02",
      namespace: "team-9",
      storage: { metadataSize: "1Gi" },
      s3: { region: "eu-west-1" },
      secretValues: {
        jwtSecret: pulumi.secret("j".repeat(40)),
        adminInitialPassword: Promise.resolve("initial-password"),
        postgresConnection: pulumi.output("postgres://u:p@db:5432/d?sslmode=require"),
        s3: { accessKeyId: pulumi.output("AKIAOUT"), secretAccessKey: pulumi.secret("sk-out") },
      },
    },
  },
  {
    name: "outputs-in-spec",
    args: {
      operatorRelease: "2026-02",
      namespace: "team-8",
      labels: { team: pulumi.output("storage") },
      storage: { metadataSize: pulumi.output("2Gi"), cacheSize: "5Gi" },
      smb: { enabled: true, port: pulumi.output(12446) },
      metrics: { enabled: true },
      cache: { size: Promise.resolve("2GB") },
    },
  },
];

const OUTPUTS = [
  "nfsEndpoint",
  "apiEndpoint",
  "apiUrl",
  "smbEndpoint",
  "metricsEndpoint",
  "configHash",
  "statefulSetName",
  "configMapName",
  "headlessServiceName",
  "fileServiceName",
  "apiServiceName",
  "metricsServiceName",
  "perconaClusterName",
  "generatedSecretNames",
  "adminUsername",
  "adminPassword",
];

async function describe(name, output) {
  // An unknown value is recorded as such: the runtime exposes none (apply does not run, serialisation sends the
  // unknown marker, and promise() resolves to undefined).
  const [value, known, secret, resources] = await Promise.all([
    output.promise(),
    output.isKnown,
    output.isSecret,
    output.allResources(),
  ]);
  const urns = await Promise.all([...resources].map((r) => r.urn.promise()));
  return JSON.stringify([name, value === undefined ? null : value, known, secret, urns.sort()]);
}

async function main() {
  const built = [...servers(8), ...extra].map(({ name, args }) => ({
    name,
    server: new DittoServer(name, args),
  }));
  const properties = [];
  for (const { name, server } of built)
    for (const k of OUTPUTS) properties.push(await describe(`${name}.${k}`, server[k]));
  // Let every registration and output registration finish.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const digest = (records) =>
    crypto.createHash("sha256").update(JSON.stringify(records.sort())).digest("hex").slice(0, 16);
  if (verbose) for (const r of [...requests, ...registered, ...properties]) console.log(r);
  console.log(
    `requests ${digest(requests)} (${requests.length})  registered ${digest(registered)} (${registered.length})  ` +
      `properties ${digest(properties)} (${properties.length})${preview ? "  [preview]" : ""}`,
  );
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
