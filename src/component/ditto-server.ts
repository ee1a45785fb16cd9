/**
 * The DittoServer component: resolve the args (errors before anything is registered), gather the secret material,
 * then register one child per object the pure builders describe, and expose the operator's status facts as outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import { StatefulSet } from "@pulumi/kubernetes/apps/v1/statefulSet";
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { RandomPassword } from "@pulumi/random/randomPassword";
import type { DittoServerArgs, SecretValuesArgs } from "../args";
import { configHash } from "../hash";
import { base64Data, ownedSecretNames } from "../k8s/secrets";
import { buildManifests, type OwnedSecretInputs, type ServerManifests } from "../manifests";
import { objectNames, serviceEndpoint } from "../naming";
import { secretFacts, type SecretMaterial } from "../secrets/material";
import { secretRefs } from "../secrets/references";
import type { ServerPlanInput } from "../spec/types";
import { configText } from "./config-text";
import { plan } from "./plan";
import { gatherSecretMaterial, withMaterial } from "./secret-material";

export const DITTOSERVER_TYPE = "dittofs:index:DittoServer";

/** The digest and the owned Secrets' data (base64), from the plan, the config text and the secret material. */
function deriveFromSecrets(
  p: ServerPlanInput,
  config: string,
  material: SecretMaterial,
  key: string,
) {
  const facts = secretFacts(p, secretRefs(p), material);
  const owned: Record<string, Record<string, string>> = {};
  if (facts.owned.jwt) owned.jwt = base64Data(facts.owned.jwt);
  if (facts.owned.admin) owned.admin = base64Data(facts.owned.admin);
  if (facts.owned.postgres) owned.postgres = base64Data({ ...facts.owned.postgres });
  if (facts.owned.s3) owned.s3 = base64Data(facts.owned.s3);
  return { hash: configHash(key, config, facts.hashEntries), owned };
}

/**
 * A DittoFS file server (NFS + SMB + REST control plane) on Kubernetes: the objects the DittoFS operator creates for a
 * `DittoServer` custom resource, from the same spec, without the operator. Invalid args fail before anything is
 * registered, each problem with its field path.
 */
export class DittoServer extends pulumi.ComponentResource {
  /** In-cluster NFS endpoint of the file Service, `<name>-file.<namespace>.svc.cluster.local:<nfsPort>`. */
  declare public readonly nfsEndpoint: pulumi.Output<string>;
  /** In-cluster REST API endpoint, `<name>-api.<namespace>.svc.cluster.local:<controlPlane.port>`. */
  declare public readonly apiEndpoint: pulumi.Output<string>;
  /** In-cluster SMB endpoint of the file Service when SMB is enabled, else empty. */
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
  /** Name of the NFS/SMB Service (`<name>-file`). */
  declare public readonly fileServiceName: pulumi.Output<string>;
  /** Name of the REST API Service (`<name>-api`). */
  declare public readonly apiServiceName: pulumi.Output<string>;
  /** Name of the metrics Service (`<name>-metrics`) when metrics are enabled, else empty. */
  declare public readonly metricsServiceName: pulumi.Output<string>;
  /** Name of the PerconaPGCluster (`<name>-postgres`) when Percona is enabled, else empty. */
  declare public readonly perconaClusterName: pulumi.Output<string>;
  /** Names of the Secrets the component created (generated or passed-in values). */
  declare public readonly generatedSecretNames: pulumi.Output<string[]>;
  /** The generated admin password (a secret), when the component generated one; else empty. */
  public readonly adminPassword: pulumi.Output<string>;

  constructor(name: string, args: DittoServerArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = plan(name, args); // throws before anything is registered
    super(DITTOSERVER_TYPE, name, {}, opts);
    for (const w of planned.warnings) void pulumi.log.warn(w, this);

    const structure = planned.now;
    const refs = secretRefs(structure);
    const names = objectNames(name);
    const owned = ownedSecretNames(refs);
    // `secretValues` is a plain object here (plan() rejects an Output for it); its leaves may be Outputs.
    const values = args.secretValues as SecretValuesArgs | undefined;
    const { material, generatedAdminPassword } = gatherSecretMaterial(
      this,
      name,
      structure.namespace,
      refs,
      values,
    );
    const hashKey = new RandomPassword(
      `${name}-config-hash-key`,
      { length: 32, special: false },
      { parent: this },
    );

    // Every Output below costs its promises and their debug stacks, for each server: with a known spec everything
    // but the secret material is plain, and what is derived from the material takes as few Outputs as it can.
    const config: string | pulumi.Output<string> = planned.known
      ? configText(structure)
      : planned.later.apply(configText);
    // Secret, so the owned Secrets' data derived from it are too.
    const derived = markSecret(
      planned.known
        ? withMaterial(material, hashKey.result, (m, key) =>
            deriveFromSecrets(structure, config as string, m, key),
          )
        : pulumi
            .all([planned.later, config, withMaterial(material, hashKey.result, (m, k) => [m, k])])
            .apply(([p, text, [m, key]]) =>
              deriveFromSecrets(p, text, m as SecretMaterial, key as string),
            ),
    );
    // HMAC-keyed, so the digest reveals nothing and may show in previews (otherwise it would read `[secret]`).
    const hash = pulumi.unsecret(derived.apply((d) => d.hash));
    const ownedData: OwnedSecretInputs = {};
    for (const [role] of owned) ownedData[role] = derived.apply((d) => d.owned[role] ?? {});

    const manifests: ServerManifests | pulumi.Output<ServerManifests> = planned.known
      ? buildManifests(structure, refs, config as string, hash, ownedData)
      : (pulumi
          .all([planned.later, config])
          .apply(
            ([p, text]) =>
              buildManifests(
                p,
                secretRefs(p),
                text,
                hash,
                ownedData,
              ) as pulumi.Unwrap<ServerManifests>,
          ) as unknown as pulumi.Output<ServerManifests>);
    // With Outputs in the spec, lift each top-level field apart (never the whole args: the SDK would read every
    // field of the Output, absent ones included). The skeleton, from the plan, says which fields exist.
    const skeleton = planned.known ? undefined : buildManifests(structure, refs, "", "", {});
    const part = (select: (m: ServerManifests) => object | undefined): any => {
      if (!pulumi.Output.isInstance(manifests)) return select(manifests);
      const shape = (select(skeleton!) ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(shape).map((k) => [
          k,
          // apiVersion and kind are fixed per object (a CustomResource builds its type token from them).
          k === "apiVersion" || k === "kind"
            ? shape[k]
            : manifests.apply((m) => (select(m as ServerManifests) as any)[k]),
        ]),
      );
    };
    const child = { parent: this };

    const secrets = owned.map(
      ([role], i) =>
        new Secret(
          `${name}-${role}-secret`,
          part((m) => m.secrets[i].manifest),
          child,
        ),
    );
    const configMap = new ConfigMap(
      `${name}-config`,
      part((m) => m.configMap),
      child,
    );
    const headless = new Service(
      `${name}-headless`,
      part((m) => m.headlessService),
      child,
    );
    const file = new Service(
      `${name}-file`,
      part((m) => m.fileService),
      child,
    );
    const api = new Service(
      `${name}-api`,
      part((m) => m.apiService),
      child,
    );
    const metrics = structure.spec.metrics.enabled
      ? new Service(
          `${name}-metrics`,
          part((m) => m.metricsService),
          child,
        )
      : undefined;
    const percona = structure.spec.percona.enabled
      ? new CustomResource(
          `${name}-postgres`,
          part((m) => m.perconaCluster),
          {
            ...child,
            // §5.5 / Q10: kept on destroy unless deleteWithServer.
            retainOnDelete: !structure.spec.percona.deleteWithServer,
          },
        )
      : undefined;
    const statefulSet = new StatefulSet(
      `${name}-statefulset`,
      part((m) => m.statefulSet),
      {
        ...child,
        dependsOn: [...secrets, configMap, ...(percona ? [percona] : [])],
      },
    );

    // Endpoints: plain with a known spec, else from the plan once the Outputs resolve.
    const endpoint = (f: (p: ServerPlanInput) => string): string | pulumi.Output<string> =>
      planned.known ? f(structure) : planned.later.apply(f);
    const endpoints = {
      nfsEndpoint: endpoint((x) => serviceEndpoint(names.fileService, x.namespace, x.spec.nfsPort)),
      apiEndpoint: endpoint((x) =>
        serviceEndpoint(names.apiService, x.namespace, x.spec.controlPlane.port),
      ),
      smbEndpoint: endpoint((x) =>
        x.spec.smb.enabled ? serviceEndpoint(names.fileService, x.namespace, x.spec.smb.port) : "",
      ),
      metricsEndpoint: endpoint((x) =>
        x.spec.metrics.enabled
          ? serviceEndpoint(names.metricsService, x.namespace, x.spec.metrics.port)
          : "",
      ),
    };
    this.configHash = hash;
    this.adminPassword = generatedAdminPassword
      ? markSecret(generatedAdminPassword)
      : emptySecret();
    // The other output properties are made when first read (see LAZY_OUTPUTS).
    lazySources.set(this, {
      endpoints,
      statefulSet,
      configMap,
      headless,
      file,
      api,
      metrics,
      percona,
      secrets,
    });

    // Recorded in state. Names and endpoints are registered as the plain values they resolve to: the objects'
    // names are the component's to choose (metadata.name is an input), and each Output registered costs its
    // serialisation for every server.
    this.registerOutputs({
      nfsEndpoint: endpoints.nfsEndpoint,
      apiEndpoint: endpoints.apiEndpoint,
      smbEndpoint: endpoints.smbEndpoint,
      metricsEndpoint: endpoints.metricsEndpoint,
      configHash: hash,
      statefulSetName: names.statefulSet,
      configMapName: names.configMap,
      headlessServiceName: names.headlessService,
      fileServiceName: names.fileService,
      apiServiceName: names.apiService,
      metricsServiceName: metrics ? names.metricsService : "",
      perconaClusterName: percona ? names.perconaCluster : "",
      generatedSecretNames: owned.map(([, secret]) => secret),
      adminPassword: this.adminPassword,
    });
  }
}

/** What the lazily made output properties come from, per server. */
interface LazySources {
  endpoints: Record<
    "nfsEndpoint" | "apiEndpoint" | "smbEndpoint" | "metricsEndpoint",
    string | pulumi.Output<string>
  >;
  statefulSet: StatefulSet;
  configMap: ConfigMap;
  headless: Service;
  file: Service;
  api: Service;
  metrics?: Service;
  percona?: CustomResource;
  secrets: Secret[];
}
const lazySources = new WeakMap<DittoServer, LazySources>();

const plainOr = (v: string | pulumi.Output<string>) =>
  typeof v === "string" ? pulumi.output(v) : v;
/**
 * Output properties made on first read, then kept on the instance: a program reads few of them, and each Output
 * made for every server costs its promises. The values, known-ness, secretness and the resources they depend on
 * are those of the same expressions made eagerly (the names are the children's `metadata.name`).
 */
const LAZY_OUTPUTS: Record<string, (s: LazySources) => pulumi.Output<unknown>> = {
  nfsEndpoint: (s) => plainOr(s.endpoints.nfsEndpoint),
  apiEndpoint: (s) => plainOr(s.endpoints.apiEndpoint),
  smbEndpoint: (s) => plainOr(s.endpoints.smbEndpoint),
  metricsEndpoint: (s) => plainOr(s.endpoints.metricsEndpoint),
  statefulSetName: (s) => s.statefulSet.metadata.name,
  configMapName: (s) => s.configMap.metadata.name,
  headlessServiceName: (s) => s.headless.metadata.name,
  fileServiceName: (s) => s.file.metadata.name,
  apiServiceName: (s) => s.api.metadata.name,
  metricsServiceName: (s) => (s.metrics ? s.metrics.metadata.name : pulumi.output("")),
  perconaClusterName: (s) => (s.percona ? s.percona.metadata.name : pulumi.output("")),
  generatedSecretNames: (s) => pulumi.all(s.secrets.map((x) => x.metadata.name)),
};
for (const [key, make] of Object.entries(LAZY_OUTPUTS)) {
  Object.defineProperty(DittoServer.prototype, key, {
    configurable: true,
    get(this: DittoServer) {
      const value = make(lazySources.get(this)!);
      Object.defineProperty(this, key, { value, enumerable: true });
      return value;
    },
  });
}

/** `pulumi.secret(true)`, made once per process (an Output of a plain value is immutable and holds no resource). */
let secretSeed: pulumi.Output<boolean> | undefined;
/**
 * `value` marked secret: the same value, known-ness and resources as `pulumi.secret(value)`, with one Output made
 * where `pulumi.secret` of an Output makes three (it lifts the inner Output's secretness and resources).
 */
function markSecret<T>(value: pulumi.Output<T>): pulumi.Output<T> {
  return (secretSeed ??= pulumi.secret(true)).apply(() => value);
}
/** `pulumi.secret("")`, made once per process: the adminPassword of every server that does not generate one. */
let empty: pulumi.Output<string> | undefined;
const emptySecret = () => (empty ??= pulumi.secret(""));
