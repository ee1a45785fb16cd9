"use strict";
/**
 * Prints a digest of everything a build of the package registers for 8 mixed servers (bench/specs.js) plus their
 * outputs, under mocks: two builds with the same digest register identical objects.
 *
 *   node bench/experiments/registrations.js [LIB_DIR=lib]
 */
const crypto = require("crypto");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { servers } = require("../specs");

const registered = [];
pulumi.runtime.setMocks(
  {
    newResource(a) {
      registered.push(JSON.stringify([a.type, a.name, a.inputs, a.id ?? null]));
      return a.type.startsWith("random:")
        ? { id: a.name, state: { ...a.inputs, result: "r".repeat(a.inputs.length) } }
        : { id: a.name, state: a.inputs };
    },
    call: (a) => a.inputs,
  },
  "bench",
  "bench",
  false,
);
const lib = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "..", "lib"));
const { DittoServer } = require(path.join(lib, "index.js"));
const outputs = servers(8).map(({ name, args }) => {
  const s = new DittoServer(name, args);
  return pulumi.all([
    s.nfsEndpoint,
    s.apiEndpoint,
    s.smbEndpoint,
    s.metricsEndpoint,
    s.configHash,
    s.statefulSetName,
    s.configMapName,
    s.headlessServiceName,
    s.fileServiceName,
    s.apiServiceName,
    s.metricsServiceName,
    s.perconaClusterName,
    s.generatedSecretNames,
    s.adminPassword,
  ]);
});
pulumi.all(outputs).apply((o) =>
  setTimeout(() => {
    registered.sort();
    const digest = crypto
      .createHash("sha256")
      .update(JSON.stringify([registered, o]))
      .digest("hex");
    console.log(`${digest} ${registered.length} registrations`);
  }, 300),
);
