/**
 * The DittoServer component: plan the server from its args (errors before anything is registered), gather the
 * secret material, seal it into the config hash and the owned Secrets' data, register one child per object the
 * model builds, and expose the operator's status facts as outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random/randomPassword";
import type { DittoServerArgs } from "./args";
import { childObjects, registerChildren } from "./component/children";
import { planWithOutputs, type DeferredPlan } from "./component/deferred-spec";
import { lazyOutputs, markSecret, withMaterial } from "./component/lean-outputs";
import type { Endpoints, SealedInputs, ServerPlan } from "./models/object-model";
import { objectNames } from "./naming";
import {
  adminLoginPassword,
  gatherSecretMaterial,
  type MaterialInputs,
} from "./secrets/component-material";
import { sealOwned, sealSecrets } from "./secrets/seal";
import type { MaterialPart, SecretMaterial } from "./secrets/types";

export const DITTOSERVER_TYPE = "dittofs:index:DittoServer";

/**
 * A DittoFS file server (NFS + SMB + REST control plane) on Kubernetes: the objects the DittoFS operator creates for a
 * `DittoServer` custom resource, from the same spec, without the operator. Invalid args fail before anything is
 * registered, each problem with its field path.
 */
export class DittoServer extends pulumi.ComponentResource {
  /** In-cluster NFS endpoint: the `nfs` adapter's Service, `<name>-adapter-nfs.<namespace>.svc.cluster.local:<port>` (empty without an `nfs` adapter); 2026-02 model: `<name>-file.<namespace>.svc.cluster.local:<nfsPort>`. */
  declare public readonly nfsEndpoint: pulumi.Output<string>;
  /** In-cluster REST API endpoint, `<name>-api.<namespace>.svc.cluster.local:<controlPlane.port>`. */
  declare public readonly apiEndpoint: pulumi.Output<string>;
  /** In-cluster REST API URL, `http://<apiEndpoint>` (`https://` when `controlPlane.certSecretName` is set): a `dittofs.Provider`'s endpoint from inside the cluster. Known once the server's StatefulSet is ready, so resources on a provider using it wait for the server. */
  declare public readonly apiUrl: pulumi.Output<string>;
  /** In-cluster SMB endpoint: the `smb` adapter's Service (empty without an `smb` adapter); 2026-02 model: the file Service's SMB port when SMB is enabled, else empty. */
  declare public readonly smbEndpoint: pulumi.Output<string>;
  /** In-cluster metrics endpoint when metrics are enabled, else empty. */
  declare public readonly metricsEndpoint: pulumi.Output<string>;
  /** The pod-template digest `dittofs.io/config-hash`: changes when the config or a secret the pod reads changes. */
  public readonly configHash: pulumi.Output<string>;
  /** Name of the StatefulSet (`<name>`). */
  declare public readonly statefulSetName: pulumi.Output<string>;
  /** Name of the ConfigMap holding `config.yaml` (`<name>-config`). */
  declare public readonly configMapName: pulumi.Output<string>;
  /** Name of the headless Service (`<name>-headless`). */
  declare public readonly headlessServiceName: pulumi.Output<string>;
  /** 2026-02 model: name of the NFS/SMB Service (`<name>-file`); empty in the v0.29 model, whose adapters have Services `<name>-adapter-<type>`. */
  declare public readonly fileServiceName: pulumi.Output<string>;
  /** Name of the REST API Service (`<name>-api`). */
  declare public readonly apiServiceName: pulumi.Output<string>;
  /** Name of the metrics Service (`<name>-metrics`) when metrics are enabled, else empty. */
  declare public readonly metricsServiceName: pulumi.Output<string>;
  /** Name of the PerconaPGCluster (`<name>-postgres`) when Percona is enabled, else empty. */
  declare public readonly perconaClusterName: pulumi.Output<string>;
  /** Names of the Secrets the component created (generated or passed-in values). */
  declare public readonly generatedSecretNames: pulumi.Output<string[]>;
  /** The admin's username (`identity.admin.username`): what a `dittofs.Provider` logs in as. */
  declare public readonly adminUsername: pulumi.Output<string>;
  /** The admin's initial login password (a secret): generated, passed in `secretValues`, or read from the admin password Secret the spec references. A password changed later through the server's API is not tracked. */
  public readonly adminPassword: pulumi.Output<string>;

  constructor(name: string, args: DittoServerArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planWithOutputs(name, args); // throws before anything is registered
    super(DITTOSERVER_TYPE, name, {}, opts);
    for (const w of planned.warnings) void pulumi.log.warn(w, this);

    const values = args.secretValues as Record<string, pulumi.Input<any>> | undefined;
    const { material } = gatherSecretMaterial(this, name, planned.now, values);
    const hashKey = new RandomPassword(
      `${name}-config-hash-key`,
      { length: 32, special: false },
      { parent: this },
    );
    const sealed = sealedOutputs(planned, material, hashKey.result);
    const children = registerChildren(this, childObjects(planned, sealed));

    this.configHash = sealed.configHash as pulumi.Output<string>;
    this.adminPassword = markSecret(adminLoginPassword(planned.model.admin(planned.now), material));
    const endpoints = planned.later
      ? planned.later.apply((p) => planned.model.endpoints(p))
      : planned.model.endpoints(planned.now);
    const secrets = planned.now.secrets.owned.map((o) => children.get(`${name}-${o.role}-secret`)!);
    const adminUsername = planned.later
      ? planned.later.apply((p) => planned.model.admin(p).username)
      : planned.model.admin(planned.now).username;
    setOutputSources(this, { name, endpoints, children, secrets, adminUsername });

    // Recorded in state. Names and endpoints are registered as the plain values they resolve to: the objects'
    // names are the component's to choose (metadata.name is an input).
    const names = objectNames(name);
    const endpoint = (k: keyof Endpoints) =>
      pulumi.Output.isInstance(endpoints) ? endpoints.apply((e) => e[k]) : endpoints[k];
    const has = (suffix: string) => children.has(`${name}-${suffix}`);
    this.registerOutputs({
      nfsEndpoint: endpoint("nfsEndpoint"),
      apiEndpoint: endpoint("apiEndpoint"),
      apiUrl: onceReady(children, name, endpoint("apiUrl")),
      smbEndpoint: endpoint("smbEndpoint"),
      metricsEndpoint: endpoint("metricsEndpoint"),
      configHash: this.configHash,
      statefulSetName: names.statefulSet,
      configMapName: names.configMap,
      headlessServiceName: names.headlessService,
      fileServiceName: has("file") ? names.fileService : "",
      apiServiceName: names.apiService,
      metricsServiceName: has("metrics") ? names.metricsService : "",
      perconaClusterName: has("postgres") ? names.perconaCluster : "",
      generatedSecretNames: planned.now.secrets.owned.map((o) => o.name),
      adminUsername,
      adminPassword: this.adminPassword,
    });
  }
}

/**
 * The sealed material as Outputs: the digest, from the whole material and the hash key (with Outputs in the spec, from
 * the real plan too), unmarked: it is HMAC-keyed, so it reveals nothing and may show in previews (otherwise it would
 * read `[secret]`); and each owned Secret's data, secret, from its own material only, so that a value made anew (a
 * regenerated JWT secret) leaves the other Secrets known in a preview.
 */
function sealedOutputs(
  planned: DeferredPlan,
  material: MaterialInputs,
  key: pulumi.Output<string>,
): SealedInputs {
  const { model, now, later } = planned;
  const sealed = <T>(
    parts: object,
    k: pulumi.Output<string> | undefined,
    f: (p: ServerPlan<unknown>, m: SecretMaterial, k: string) => T,
  ) =>
    markSecret(
      later
        ? pulumi
            .all([later, withMaterial(parts, k, (m: SecretMaterial, kk) => [m, kk] as const)])
            .apply(([p, [m, kk]]) => f(p, m as SecretMaterial, kk as string))
        : withMaterial(parts, k, (m: SecretMaterial, kk) => f(now, m, kk)),
    );
  const hash = sealed(material, key, (p, m, k) => sealSecrets(model, p, m, k).configHash);
  const ownedData: SealedInputs["ownedData"] = {};
  for (const { role, from } of now.secrets.owned) {
    ownedData[role] = sealed(materialParts(material, from), undefined, (p, m) =>
      sealOwned(model, p, role, m),
    );
  }
  return { configHash: pulumi.unsecret(hash), ownedData };
}

/** The parts of the material an owned Secret is made from. */
function materialParts(material: MaterialInputs, from: MaterialPart[]): Partial<MaterialInputs> {
  const parts: Record<string, any> = { read: {} };
  for (const part of from) {
    if (typeof part === "string") parts[part] = material[part];
    else parts.read[part.read] = material.read[part.read];
  }
  return parts;
}

type Children = ReturnType<typeof registerChildren>;

/** `value` once the StatefulSet exists: the kubernetes provider finishes its create when the pod is ready. */
function onceReady(
  children: Children,
  name: string,
  value: string | pulumi.Output<string>,
): pulumi.Output<string> {
  return pulumi
    .all([children.get(`${name}-statefulset`)!.metadata.name, value])
    .apply(([, v]) => v);
}

interface OutputSources {
  name: string;
  endpoints: Endpoints | pulumi.Output<Endpoints>;
  children: Children;
  adminUsername: string | pulumi.Output<string>;
  /** The owned Secrets, in creation order. */
  secrets: Array<Children extends Map<string, infer R> ? R : never>;
}

const plainOr = (v: string | pulumi.Output<string>) =>
  typeof v === "string" ? pulumi.output(v) : v;
const endpointOf = (k: keyof Endpoints) => (s: OutputSources) =>
  pulumi.Output.isInstance(s.endpoints) ? s.endpoints.apply((e) => e[k]) : plainOr(s.endpoints[k]);
/** A child's `metadata.name`, or "" when the server has no such child. */
const nameOf = (suffix: string) => (s: OutputSources) => {
  const child = s.children.get(`${s.name}-${suffix}`);
  return child ? child.metadata.name : pulumi.output("");
};

const setOutputSources = lazyOutputs<DittoServer, OutputSources>(DittoServer, {
  nfsEndpoint: endpointOf("nfsEndpoint"),
  apiEndpoint: endpointOf("apiEndpoint"),
  apiUrl: (s) => onceReady(s.children, s.name, endpointOf("apiUrl")(s)),
  adminUsername: (s) => plainOr(s.adminUsername),
  smbEndpoint: endpointOf("smbEndpoint"),
  metricsEndpoint: endpointOf("metricsEndpoint"),
  statefulSetName: nameOf("statefulset"),
  configMapName: nameOf("config"),
  headlessServiceName: nameOf("headless"),
  fileServiceName: nameOf("file"),
  apiServiceName: nameOf("api"),
  metricsServiceName: nameOf("metrics"),
  perconaClusterName: nameOf("postgres"),
  generatedSecretNames: (s) => pulumi.all(s.secrets.map((c) => c.metadata.name)),
});
