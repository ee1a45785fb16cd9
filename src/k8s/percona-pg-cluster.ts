/** PerconaPGCluster `<name>-postgres`, valid against Percona's v2.8.2 CRD (`backups` is required). */
import { PERCONA } from "../defaults";
import type { Spec as FebSpec } from "../generated/feb2026/spec";
import { objectNames } from "../naming";
import { objectMeta, type MetadataSource } from "./metadata";

/** The `percona` block of a resolved spec (the same in every model). */
type PerconaSpec = FebSpec["percona"];
type PerconaSource = MetadataSource & { name: string; spec: { percona: PerconaSpec } };

export interface PerconaPGCluster {
  apiVersion: "pgv2.percona.com/v2";
  kind: "PerconaPGCluster";
  metadata: ReturnType<typeof objectMeta>;
  spec: Record<string, unknown>;
}

/** Pulumi waits for this before creating the StatefulSet, as the operator's reconcile does. */
export const AWAIT_ANNOTATION = "pulumi.com/waitFor";

function backups(plan: PerconaSource): Record<string, unknown> {
  const backup = plan.spec.percona.backup;
  if (!backup.enabled) return { enabled: false };
  return {
    enabled: true,
    pgbackrest: {
      global: {
        "repo1-path": `/pgbackrest/${plan.name}/repo1`,
        "repo1-s3-uri-style": "path",
        "repo1-storage-verify-tls": "y",
      },
      ...(backup.credentialsSecretRef
        ? { configuration: [{ secret: { name: backup.credentialsSecretRef.name } }] }
        : {}),
      repos: [
        {
          name: "repo1",
          s3: { bucket: backup.bucket, endpoint: backup.endpoint, region: backup.region },
          schedules: { full: backup.fullSchedule, incremental: backup.incrSchedule },
        },
      ],
    },
  };
}

export function buildPerconaPGCluster(plan: PerconaSource): PerconaPGCluster | undefined {
  const percona = plan.spec.percona;
  if (!percona.enabled) return undefined;
  return {
    apiVersion: "pgv2.percona.com/v2",
    kind: "PerconaPGCluster",
    metadata: objectMeta(plan, objectNames(plan.name).perconaCluster, {
      annotations: { [AWAIT_ANNOTATION]: PERCONA.readyAwait },
    }),
    spec: {
      crVersion: PERCONA.crVersion,
      postgresVersion: PERCONA.postgresVersion,
      instances: [
        {
          name: PERCONA.instanceName,
          replicas: percona.replicas,
          dataVolumeClaimSpec: {
            accessModes: ["ReadWriteOnce"],
            ...(percona.storageClassName ? { storageClassName: percona.storageClassName } : {}),
            resources: { requests: { storage: percona.storageSize } },
          },
        },
      ],
      users: [{ name: PERCONA.userName, databases: [percona.databaseName] }],
      backups: backups(plan),
    },
  };
}
