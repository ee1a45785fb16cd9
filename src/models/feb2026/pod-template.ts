/** The Feb StatefulSet's pod template: one server container, the Percona wait, volumes. */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { CONFIG_MOUNT_PATH, CONTAINER_ARGS, PRE_STOP_COMMAND, PROBES } from "../../defaults";
import { CONFIG_HASH_ANNOTATION } from "../../hash";
import { waitForPostgres } from "../../k8s/wait-for-postgres";
import { objectNames, selectorLabels } from "../../naming";
import { ADAPTER_CONTAINER_PORTS, MOUNT_PATHS } from "./constants";
import { buildServerEnv } from "./env";
import type { FebPlan, FebServer } from "./plan";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Container = k8s.types.input.core.v1.Container;
type Probe = k8s.types.input.core.v1.Probe;

function httpProbe(probe: (typeof PROBES)[keyof typeof PROBES], port: number): Probe {
  const { path, ...timings } = probe;
  return { httpGet: { path, port }, ...timings };
}

/** Container ports in the operator's order: nfs, api, metrics, smb. */
function containerPorts(plan: FebServer): k8s.types.input.core.v1.ContainerPort[] {
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

/** Mounts: the operator's (metadata, cache, config, content), then the control-plane volume and /tmp. */
function volumeMounts(plan: FebServer): k8s.types.input.core.v1.VolumeMount[] {
  const mounts: Array<{ name: string; mountPath: string }> = [
    { name: "metadata", mountPath: MOUNT_PATHS.metadata },
    { name: "cache", mountPath: MOUNT_PATHS.cache },
    { name: "config", mountPath: CONFIG_MOUNT_PATH },
  ];
  if (plan.spec.storage.contentSize !== undefined)
    mounts.push({ name: "content", mountPath: MOUNT_PATHS.content });
  mounts.push(
    { name: "controlplane", mountPath: MOUNT_PATHS.controlplane },
    { name: "tmp", mountPath: MOUNT_PATHS.tmp },
  );
  return mounts;
}

export function buildPodTemplate(plan: FebPlan, configHash: pulumi.Input<string>): PodTemplate {
  const { spec, refs } = plan;
  const apiPort = spec.controlPlane.port;
  const container: Container = {
    name: "dittofs",
    image: spec.image,
    // No `command`: the image's entrypoint runs, whichever binary name the image uses.
    args: [...CONTAINER_ARGS],
    ports: containerPorts(plan),
    env: buildServerEnv(plan),
    volumeMounts: volumeMounts(plan),
    resources: spec.resources,
    securityContext: spec.securityContext,
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
      // A Service named like a config key (`dittofs-metrics`) would inject DITTOFS_METRICS_PORT=tcp://...
      enableServiceLinks: false,
      securityContext: spec.podSecurityContext,
      ...(refs.percona ? { initContainers: [waitForPostgres(refs.percona.secret)] } : {}),
      containers: [container],
      volumes: [
        { name: "config", configMap: { name: objectNames(plan.name).configMap } },
        { name: "tmp", emptyDir: {} },
      ],
    },
  };
}
