"use strict";
/**
 * The hand-written baseline: the objects a DittoServer registers, declared directly with @pulumi/kubernetes and
 * @pulumi/random. Inputs come from the package's pure builders, computed once up-front (planRaw), so the baseline
 * measures registration only (registerRaw): same logical names, same inputs, Secret data marked secret, the same
 * RandomPasswords, retainOnDelete on the Percona cluster and the StatefulSet's dependsOn.
 */
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { ConfigMap } = require("@pulumi/kubernetes/core/v1/configMap");
const { Secret } = require("@pulumi/kubernetes/core/v1/secret");
const { Service } = require("@pulumi/kubernetes/core/v1/service");
const { NetworkPolicy } = require("@pulumi/kubernetes/networking/v1/networkPolicy");
const { StatefulSet } = require("@pulumi/kubernetes/apps/v1/statefulSet");
const { CustomResource } = require("@pulumi/kubernetes/apiextensions/customResource");
const { RandomPassword } = require("@pulumi/random/randomPassword");

// BENCH_LIB (bench/construct.js): the same build as the component side, so that its pure builders are as warm.
const LIB = path.resolve(process.env.BENCH_LIB ?? path.join(__dirname, "..", "lib"));
const { renderServer } = require(path.join(LIB, "render.js"));
const { planServer } = require(path.join(LIB, "pipeline.js"));

const clone = (x) => JSON.parse(JSON.stringify(x));

/** Plain objects + what the component would add around them, for one server. `read`: Secret name → data. */
function planRaw(name, args, read = {}) {
  const { plan } = planServer(name, clone(args));
  const generates = (value) => plan.secrets.generate.some((g) => g.value === value);
  const rendered = renderServer(name, clone(args), read, "bench-hash-key", {
    jwtSecret: "j".repeat(32),
    adminInitialPassword: "a".repeat(24),
  });
  return {
    name,
    objects: rendered.objects,
    roles: plan.secrets.owned.map((o) => o.role),
    jwtGenerated: generates("jwtSecret"),
    adminGenerated: generates("adminInitialPassword"),
    // The model's RandomPassword args (the JWT's length differs between object models).
    passwords: plan.secrets.generate.map((g) => ({ logicalName: g.logicalName, args: g.password })),
    deleteWithServer: plan.spec.percona.deleteWithServer,
    reads: plan.secrets.reads.length,
    // The component reads each Secret once per provider across servers (src/secrets/cluster-reads.ts).
    readIds: plan.secrets.reads.map((r) => `${plan.namespace}/${r.secret}`),
  };
}

/** Custom resources registered for one planned server (objects + RandomPasswords). */
function customResourceCount(p) {
  return p.objects.length + 1 + (p.jwtGenerated ? 1 : 0) + (p.adminGenerated ? 1 : 0);
}

/**
 * Registers one planned server by hand; pushes every resource onto `held`; returns the StatefulSet's id.
 * `shell`: register them under a bare ComponentResource of the DittoServer's type (no logic, no outputs), which
 * isolates what any component costs (one more registration, parent links) from what DittoServer itself does.
 */
function registerRaw(p, held = [], k8sOpts = {}, shell = false) {
  const keep = (r) => (held.push(r), r);
  let parent;
  if (shell) {
    parent = keep(new pulumi.ComponentResource("dittofs:index:DittoServer", p.name, {}, {}));
    k8sOpts = { ...k8sOpts, parent };
  }
  const randomOpts = parent ? { parent } : {};
  const secrets = [];
  let configMap;
  let percona;
  let statefulSet;
  keep(new RandomPassword(`${p.name}-config-hash-key`, { length: 32, special: false }, randomOpts));
  for (const { logicalName, args } of p.passwords)
    keep(new RandomPassword(`${p.name}-${logicalName}`, args, randomOpts));
  for (const obj of p.objects) {
    switch (obj.kind) {
      case "Secret":
        secrets.push(
          keep(
            new Secret(
              `${p.name}-${p.roles[secrets.length]}-secret`,
              { ...obj, data: pulumi.secret(obj.data) },
              k8sOpts,
            ),
          ),
        );
        break;
      case "ConfigMap":
        configMap = keep(new ConfigMap(`${p.name}-config`, obj, k8sOpts));
        break;
      case "Service":
        // Logical name = object name: <name>-headless, -file, -api, -metrics, -adapter-<type>.
        keep(new Service(obj.metadata.name, obj, k8sOpts));
        break;
      case "NetworkPolicy":
        // <name>-baseline, <name>-adapter-<type>, each with "-policy".
        keep(new NetworkPolicy(`${obj.metadata.name}-policy`, obj, k8sOpts));
        break;
      case "ServiceMonitor":
        keep(new CustomResource(`${p.name}-service-monitor`, obj, k8sOpts));
        break;
      case "PerconaPGCluster":
        percona = keep(
          new CustomResource(`${p.name}-postgres`, obj, {
            ...k8sOpts,
            retainOnDelete: !p.deleteWithServer,
          }),
        );
        break;
      case "StatefulSet":
        statefulSet = keep(
          new StatefulSet(`${p.name}-statefulset`, obj, {
            ...k8sOpts,
            dependsOn: [...secrets, configMap, ...(percona ? [percona] : [])],
          }),
        );
        break;
      default:
        throw new Error(`unexpected kind ${obj.kind}`);
    }
  }
  if (parent) parent.registerOutputs({});
  return statefulSet.id;
}

module.exports = { planRaw, registerRaw, customResourceCount };
