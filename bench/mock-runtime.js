"use strict";
/**
 * The mocked runtime of the construction harnesses (construct.js, ab.js): counts every registration and every
 * component's RegisterResourceOutputs (the mock's newResource does not see those), calling `onCount` after each, fakes
 * RandomPassword results, and answers Secret reads from `secrets` (`namespace/name` → base64 data) when given.
 * `setMocks` is process-global: install it once per process.
 */
const pulumi = require("@pulumi/pulumi");

function installMocks({ onCount, secrets }) {
  const counts = { registrations: 0, outputRegistrations: 0, readsPerSecret: {} };
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        counts.registrations++;
        onCount();
        if (secrets && args.type === "kubernetes:core/v1:Secret" && args.id) {
          counts.readsPerSecret[args.id] = (counts.readsPerSecret[args.id] ?? 0) + 1;
          const data = secrets[args.id];
          if (!data) throw new Error(`secrets "${args.id}" not found`);
          const [namespace, name] = args.id.split("/");
          return {
            id: args.id,
            state: { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, data },
          };
        }
        if (args.type === "random:index/randomPassword:RandomPassword") {
          return {
            id: `${args.name}-id`,
            state: { ...args.inputs, result: "r".repeat(args.inputs.length) },
          };
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
  const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    counts.outputRegistrations++;
    onCount();
    return registerResourceOutputs(req, callback);
  };
  return counts;
}

module.exports = { installMocks };
