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
import { renderConfig } from "../config/render-config";
import { configHash } from "../hash";
import { base64Data, ownedSecretNames } from "../k8s/secrets";
import { buildManifests, type OwnedSecretInputs, type ServerManifests } from "../manifests";
import { objectNames, serviceEndpoint } from "../naming";
import { secretFacts, type SecretMaterial } from "../secrets/material";
import { secretRefs } from "../secrets/references";
import type { ServerPlanInput } from "../spec/types";
import { plan } from "./plan";
import { gatherSecretMaterial } from "./secret-material";

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
  public readonly nfsEndpoint: pulumi.Output<string>;
  /** In-cluster REST API endpoint, `<name>-api.<namespace>.svc.cluster.local:<controlPlane.port>`. */
  public readonly apiEndpoint: pulumi.Output<string>;
  /** In-cluster SMB endpoint of the file Service when SMB is enabled, else empty. */
  public readonly smbEndpoint: pulumi.Output<string>;
  /** In-cluster metrics endpoint when metrics are enabled, else empty. */
  public readonly metricsEndpoint: pulumi.Output<string>;
  /** The pod-template digest `dittofs.io/config-hash`: changes when the config or a secret the pod reads changes. */
  public readonly configHash: pulumi.Output<string>;
  /** Name of the StatefulSet (`<name>`). */
  public readonly statefulSetName: pulumi.Output<string>;
  /** Name of the ConfigMap holding `config.yaml` (`<name>-config`). */
  public readonly configMapName: pulumi.Output<string>;
  /** Name of the headless Service (`<name>-headless`). */
  public readonly headlessServiceName: pulumi.Output<string>;
  /** Name of the NFS/SMB Service (`<name>-file`). */
  public readonly fileServiceName: pulumi.Output<string>;
  /** Name of the REST API Service (`<name>-api`). */
  public readonly apiServiceName: pulumi.Output<string>;
  /** Name of the metrics Service (`<name>-metrics`) when metrics are enabled, else empty. */
  public readonly metricsServiceName: pulumi.Output<string>;
  /** Name of the PerconaPGCluster (`<name>-postgres`) when Percona is enabled, else empty. */
  public readonly perconaClusterName: pulumi.Output<string>;
  /** Names of the Secrets the component created (generated or passed-in values). */
  public readonly generatedSecretNames: pulumi.Output<string[]>;
  /** The generated admin password (a secret), when the component generated one; else empty. */
  public readonly adminPassword: pulumi.Output<string>;

  constructor(name: string, args: DittoServerArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = plan(name, args); // throws before anything is registered
    super(DITTOSERVER_TYPE, name, {}, opts);
    for (const w of planned.warnings) void pulumi.log.warn(w, this);

    const structure = planned.now;
    const refs = secretRefs(structure);
    const names = objectNames(name);
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

    // With a known spec everything but the secret material is plain (no Output plumbing: it is most of the cost).
    const known = planned.known;
    const lift = (f: (p: ServerPlanInput) => string): pulumi.Output<string> =>
      known ? pulumi.output(f(structure)) : planned.later.apply(f);
    const renderedConfig = (p: ServerPlanInput) =>
      renderConfig(p.spec, p.values.postgresConnection);
    const config: string | pulumi.Output<string> = known
      ? renderedConfig(structure)
      : planned.later.apply(renderedConfig);

    const derived = known
      ? pulumi
          .all([material, hashKey.result])
          .apply(([m, key]) => deriveFromSecrets(structure, config as string, m, key))
      : pulumi
          .all([planned.later, config, material, hashKey.result])
          .apply(([p, text, m, key]) => deriveFromSecrets(p, text, m, key));
    // HMAC-keyed, so the digest reveals nothing and may show in previews (otherwise it would read `[secret]`).
    const hash = pulumi.unsecret(derived.apply((d) => d.hash));
    const ownedData: OwnedSecretInputs = {};
    for (const [role] of ownedSecretNames(refs)) {
      ownedData[role] = pulumi.secret(derived.apply((d) => d.owned[role] ?? {}));
    }

    const manifests: ServerManifests | pulumi.Output<ServerManifests> = known
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
    const skeleton = known ? undefined : buildManifests(structure, refs, "", "", {});
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

    const secrets = ownedSecretNames(refs).map(
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

    this.nfsEndpoint = lift((x) => serviceEndpoint(names.fileService, x.namespace, x.spec.nfsPort));
    this.apiEndpoint = lift((x) =>
      serviceEndpoint(names.apiService, x.namespace, x.spec.controlPlane.port),
    );
    this.smbEndpoint = lift((x) =>
      x.spec.smb.enabled ? serviceEndpoint(names.fileService, x.namespace, x.spec.smb.port) : "",
    );
    this.metricsEndpoint = lift((x) =>
      x.spec.metrics.enabled
        ? serviceEndpoint(names.metricsService, x.namespace, x.spec.metrics.port)
        : "",
    );
    this.configHash = hash;
    this.statefulSetName = statefulSet.metadata.name;
    this.configMapName = configMap.metadata.name;
    this.headlessServiceName = headless.metadata.name;
    this.fileServiceName = file.metadata.name;
    this.apiServiceName = api.metadata.name;
    this.metricsServiceName = metrics ? metrics.metadata.name : pulumi.output("");
    this.perconaClusterName = percona ? percona.metadata.name : pulumi.output("");
    this.generatedSecretNames = pulumi.all(secrets.map((s) => s.metadata.name));
    this.adminPassword = generatedAdminPassword ?? pulumi.secret("");

    this.registerOutputs({
      nfsEndpoint: this.nfsEndpoint,
      apiEndpoint: this.apiEndpoint,
      smbEndpoint: this.smbEndpoint,
      metricsEndpoint: this.metricsEndpoint,
      configHash: this.configHash,
      statefulSetName: this.statefulSetName,
      configMapName: this.configMapName,
      headlessServiceName: this.headlessServiceName,
      fileServiceName: this.fileServiceName,
      apiServiceName: this.apiServiceName,
      metricsServiceName: this.metricsServiceName,
      perconaClusterName: this.perconaClusterName,
      generatedSecretNames: this.generatedSecretNames,
      adminPassword: this.adminPassword,
    });
  }
}
