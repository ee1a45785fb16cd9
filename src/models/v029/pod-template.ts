/** The v0.29 StatefulSet's pod template: one server container, the Percona wait, volumes and mounts. */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { CONFIG_MOUNT_PATH, CONTAINER_ARGS, PRE_STOP_COMMAND, PROBES } from "../../defaults";
import { CONFIG_HASH_ANNOTATION } from "../../hash";
import { waitForPostgres } from "../../k8s/wait-for-postgres";
import { objectNames, selectorLabels } from "../../naming";
import { containerPorts, declaredAdapters } from "./adapters";
import { CONTAINER_HARDENING, KEYTAB_MODE, MOUNT_PATHS } from "./constants";
import { buildServerEnv } from "./env";
import type { V029Plan } from "./plan";

type Container = k8s.types.input.core.v1.Container;
type Probe = k8s.types.input.core.v1.Probe;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/** The image's binary (the operator sets it; v0.29 images put it at /app/dfs). */
const COMMAND = ["/app/dfs"];

/**
 * HTTP, HTTPS with a server certificate (the kubelet does not verify it), or a TCP check under mTLS (the kubelet
 * cannot present a client certificate).
 */
function probe(plan: V029Plan, p: (typeof PROBES)[keyof typeof PROBES]): Probe {
  const { path, ...timings } = p;
  const port = plan.spec.controlPlane.port;
  const { certSecretName, clientCASecretName } = plan.spec.controlPlane;
  if (certSecretName && clientCASecretName) return { tcpSocket: { port }, ...timings };
  return { httpGet: { path, port, scheme: certSecretName ? "HTTPS" : "HTTP" }, ...timings };
}

/** The user's `securityContext` with the hardening filled in where the user left a field unset. */
export function containerSecurityContext(user: Record<string, any>): Record<string, unknown> {
  const merged: Record<string, any> = structuredClone(user);
  merged.allowPrivilegeEscalation ??= CONTAINER_HARDENING.allowPrivilegeEscalation;
  merged.runAsNonRoot ??= CONTAINER_HARDENING.runAsNonRoot;
  merged.capabilities = merged.capabilities
    ? {
        ...merged.capabilities,
        drop: merged.capabilities.drop ?? [...CONTAINER_HARDENING.capabilities.drop],
      }
    : structuredClone(CONTAINER_HARDENING.capabilities);
  merged.seccompProfile ??= { ...CONTAINER_HARDENING.seccompProfile };
  return merged;
}

/** A whole Secret (TLS), or one key of it at a fixed file name; read-only. */
function secretVolume(
  name: string,
  secret: string,
  item?: { key: string; path: string },
  mode?: number,
): Volume {
  return {
    name,
    secret: {
      secretName: secret,
      ...(item ? { items: [item] } : {}),
      ...(mode !== undefined ? { defaultMode: mode } : {}),
    },
  };
}

/** Volumes and mounts, in the operator's orders. */
function volumes(plan: V029Plan): { volumes: Volume[]; mounts: VolumeMount[] } {
  const { refs, spec } = plan;
  const mounts: VolumeMount[] = [
    { name: "controlplane", mountPath: MOUNT_PATHS.controlplane },
    { name: "metadata", mountPath: MOUNT_PATHS.metadata },
    { name: "config", mountPath: CONFIG_MOUNT_PATH },
  ];
  if (spec.storage.contentSize !== undefined)
    mounts.push({ name: "content", mountPath: MOUNT_PATHS.content });
  const vols: Volume[] = [
    { name: "config", configMap: { name: objectNames(plan.name).configMap } },
  ];
  const add = (volume: Volume, mountPath: string) => {
    vols.push(volume);
    mounts.push({ name: volume.name as string, mountPath, readOnly: true });
  };
  if (refs.tlsCert) add(secretVolume("tls-cert", refs.tlsCert.secret), MOUNT_PATHS.tlsCert);
  if (refs.tlsClientCa)
    add(secretVolume("tls-client-ca", refs.tlsClientCa.secret), MOUNT_PATHS.tlsClientCa);
  if (refs.metricsToken) {
    const { secret, key } = refs.metricsToken;
    add(secretVolume("metrics-token", secret, { key, path: "token" }), MOUNT_PATHS.metricsToken);
  }
  if (refs.kerberosKeytab) {
    const { secret, key } = refs.kerberosKeytab;
    const item = { key, path: "dittofs.keytab" };
    add(secretVolume("kerberos-keytab", secret, item, KEYTAB_MODE), MOUNT_PATHS.kerberosKeytab);
  }
  if (refs.kerberosKrb5) {
    const { secret, key } = refs.kerberosKrb5;
    add(
      secretVolume("kerberos-krb5", secret, { key, path: "krb5.conf" }),
      MOUNT_PATHS.kerberosKrb5,
    );
  }
  if (refs.kerberosMachineKeytab) {
    const { secret, key } = refs.kerberosMachineKeytab;
    const item = { key, path: "machine.keytab" };
    add(
      secretVolume("kerberos-machine-keytab", secret, item, KEYTAB_MODE),
      MOUNT_PATHS.kerberosMachineKeytab,
    );
  }
  return { volumes: vols, mounts };
}

export function buildPodTemplate(
  plan: V029Plan,
  configHash: pulumi.Input<string>,
): k8s.types.input.core.v1.PodTemplateSpec {
  const { spec, refs } = plan;
  const { volumes: vols, mounts } = volumes(plan);
  const ports = [{ name: "api", containerPort: spec.controlPlane.port, protocol: "TCP" }];
  if (spec.metrics.enabled)
    ports.push({ name: "metrics", containerPort: spec.metrics.port, protocol: "TCP" });
  ports.push(...containerPorts(declaredAdapters(spec)));
  const container: Container = {
    name: "dittofs",
    image: spec.image,
    command: COMMAND,
    args: [...CONTAINER_ARGS],
    volumeMounts: mounts,
    resources: spec.resources,
    securityContext: containerSecurityContext(spec.securityContext),
    ports,
    env: buildServerEnv(plan),
    livenessProbe: probe(plan, PROBES.liveness),
    readinessProbe: probe(plan, PROBES.readiness),
    startupProbe: probe(plan, PROBES.startup),
    lifecycle: { preStop: { exec: { command: [...PRE_STOP_COMMAND] } } },
  };
  return {
    metadata: {
      labels: selectorLabels(plan.name),
      annotations: { [CONFIG_HASH_ANNOTATION]: configHash },
    },
    spec: {
      automountServiceAccountToken: false,
      // A Service named like a config key (`dittofs-metrics`) would inject DITTOFS_METRICS_PORT=tcp://...
      // (differences: service-links).
      enableServiceLinks: false,
      securityContext: spec.podSecurityContext,
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
      ...(refs.percona ? { initContainers: [waitForPostgres(refs.percona.secret)] } : {}),
      containers: [container],
      volumes: vols,
    },
  };
}
