/** The StatefulSet's pod template (§2.5, §5.3, §10.2): one server container, the Percona wait, volumes. */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import {
  ADAPTER_CONTAINER_PORTS,
  CONTAINER_ARGS,
  DEFAULT_CONTAINER_SECURITY_CONTEXT,
  DEFAULT_POD_SECURITY_CONTEXT,
  MOUNT_PATHS,
  PERCONA,
  PRE_STOP_COMMAND,
  PROBES,
} from "../defaults";
import { CONFIG_HASH_ANNOTATION } from "../hash";
import { objectNames, selectorLabels } from "../naming";
import type { SecretRefs } from "../secrets/references";
import type { ServerPlanInput } from "../spec/types";
import { buildServerEnv } from "./env";
import { claimNames } from "./volume-claims";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Container = k8s.types.input.core.v1.Container;
type Probe = k8s.types.input.core.v1.Probe;

function httpProbe(probe: (typeof PROBES)[keyof typeof PROBES], port: number): Probe {
  const { path, ...timings } = probe;
  return { httpGet: { path, port }, ...timings };
}

/** Container ports in the operator's order: nfs, api, metrics, smb. */
function containerPorts(plan: ServerPlanInput): k8s.types.input.core.v1.ContainerPort[] {
  const { spec } = plan;
  const ports = [
    { name: "nfs", containerPort: ADAPTER_CONTAINER_PORTS.nfs, protocol: "TCP" },
    { name: "api", containerPort: spec.controlPlane.port, protocol: "TCP" },
  ];
  if (spec.metrics.enabled)
    ports.push({ name: "metrics", containerPort: spec.metrics.port, protocol: "TCP" });
  if (spec.smb.enabled)
    ports.push({ name: "smb", containerPort: ADAPTER_CONTAINER_PORTS.smb, protocol: "TCP" });
  return ports;
}

/** Mounts: the operator's (metadata, cache, config, content), then the control-plane volume and /tmp (§10.2.6-7). */
function volumeMounts(plan: ServerPlanInput): k8s.types.input.core.v1.VolumeMount[] {
  const mounts: Array<{ name: string; mountPath: string }> = [
    { name: "metadata", mountPath: MOUNT_PATHS.metadata },
    { name: "cache", mountPath: MOUNT_PATHS.cache },
    { name: "config", mountPath: MOUNT_PATHS.config },
  ];
  if (claimNames(plan).includes("content"))
    mounts.push({ name: "content", mountPath: MOUNT_PATHS.content });
  mounts.push(
    { name: "controlplane", mountPath: MOUNT_PATHS.controlplane },
    { name: "tmp", mountPath: MOUNT_PATHS.tmp },
  );
  return mounts;
}

/** §5.3: waits for Percona's PostgreSQL; the script text is the operator's, byte for byte. */
export const WAIT_FOR_POSTGRES_SCRIPT = `echo "Waiting for PostgreSQL at $PGHOST:$PGPORT..."
timeout=300
elapsed=0
while ! pg_isready -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" -t 5; do
  echo "PostgreSQL not ready, waiting... ($elapsed/$timeout seconds)"
  sleep 2
  elapsed=$((elapsed + 2))
  if [ $elapsed -ge $timeout ]; then
    echo "Timeout waiting for PostgreSQL"
    exit 1
  fi
done
echo "PostgreSQL is ready!"`;

function waitForPostgres(secret: string): Container {
  const env = (name: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  return {
    name: "wait-for-postgres",
    image: PERCONA.initImage,
    command: ["/bin/sh", "-c", WAIT_FOR_POSTGRES_SCRIPT],
    env: [
      env("PGHOST", "host"),
      env("PGPORT", "port"),
      env("PGUSER", "user"),
      env("PGPASSWORD", "password"),
      env("PGDATABASE", "dbname"),
    ],
  };
}

export function buildPodTemplate(
  plan: ServerPlanInput,
  refs: SecretRefs,
  configHash: pulumi.Input<string>,
): PodTemplate {
  const { spec } = plan;
  const apiPort = spec.controlPlane.port;
  const container: Container = {
    name: "dittofs",
    image: spec.image,
    // No `command`: the image's entrypoint runs (§10.2.9), whichever binary name the image uses.
    args: [...CONTAINER_ARGS],
    ports: containerPorts(plan),
    env: buildServerEnv(plan, refs),
    volumeMounts: volumeMounts(plan),
    resources: spec.resources ?? {},
    securityContext: spec.securityContext ?? DEFAULT_CONTAINER_SECURITY_CONTEXT,
    livenessProbe: httpProbe(PROBES.liveness, apiPort),
    readinessProbe: httpProbe(PROBES.readiness, apiPort),
    startupProbe: httpProbe(PROBES.startup, apiPort),
    lifecycle: { preStop: { exec: { command: [...PRE_STOP_COMMAND] } } },
  };
  return {
    metadata: {
      labels: selectorLabels(plan.name),
      annotations: { [CONFIG_HASH_ANNOTATION]: configHash },
    },
    spec: {
      // §10.1: a Service named like a config key (`dittofs-metrics`) would inject DITTOFS_METRICS_PORT=tcp://...
      enableServiceLinks: false,
      securityContext: spec.podSecurityContext ?? DEFAULT_POD_SECURITY_CONTEXT,
      ...(refs.percona ? { initContainers: [waitForPostgres(refs.percona.secret)] } : {}),
      containers: [container],
      volumes: [
        { name: "config", configMap: { name: objectNames(plan.name).configMap } },
        { name: "tmp", emptyDir: {} },
      ],
    },
  };
}
