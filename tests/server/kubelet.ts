import type { Obj } from "../helpers/objects";
import { decodeData } from "../helpers/base64";
/**
 * What the kubelet derives from a rendered pod before it starts a container: the environment (secretKeyRef /
 * configMapKeyRef resolved, `$(VAR)` expanded, service-link variables), the volumes at their mount paths, the user,
 * and the container's named ports. Pure: objects in, a plan out. Each rule follows the kubelet's own code
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, pkg/kubelet/envvars); anything this model does not cover
 * throws "not modelled" instead of guessing.
 */
/** The kubelet refuses to start the container (CreateContainerConfigError); the message never holds a value. */
export class ContainerConfigError extends Error {}

export interface Cluster {
  namespace: string;
  secrets: Map<string, Record<string, string>>;
  configMaps: Map<string, Record<string, string>>;
  services: Obj[];
}

/** Secrets and ConfigMaps of the namespace from rendered and input objects (`data` is base64, `stringData` plain). */
export function clusterOf(objects: Obj[], namespace: string): Cluster {
  const inNs = objects.filter((o) => (o.metadata?.namespace ?? "default") === namespace);
  const secrets = new Map<string, Record<string, string>>();
  for (const s of inNs.filter((o) => o.kind === "Secret")) {
    secrets.set(s.metadata.name, { ...decodeData(s.data ?? {}), ...s.stringData });
  }
  const configMaps = new Map<string, Record<string, string>>();
  for (const c of inNs.filter((o) => o.kind === "ConfigMap"))
    configMaps.set(c.metadata.name, { ...(c.data ?? {}) });
  return { namespace, secrets, configMaps, services: inNs.filter((o) => o.kind === "Service") };
}

/** A stand-in cluster IP per Service (the API server would allocate one); headless Services get none. */
export function clusterIp(service: Obj, index: number): string | undefined {
  const ip = service.spec?.clusterIP;
  if (ip === "None") return undefined;
  return ip || `10.96.${Math.floor(index / 250) + 1}.${(index % 250) + 2}`;
}

/**
 * The docker-link style variables the kubelet injects for each Service with a cluster IP (pkg/kubelet/envvars).
 * `kubernetes` in `default` is always injected; the namespace's Services only when `enableServiceLinks` is not false.
 */
export function serviceLinkEnv(
  cluster: Cluster,
  enableServiceLinks: boolean,
): Record<string, string> {
  const master = {
    metadata: { name: "kubernetes" },
    spec: { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP" }] },
  };
  const services = enableServiceLinks ? [...cluster.services] : [];
  if (cluster.namespace !== "default" || !services.some((s) => s.metadata.name === "kubernetes"))
    services.push(master);
  const env: Record<string, string> = {};
  services.forEach((svc, i) => {
    const ip = svc === master ? "10.96.0.1" : clusterIp(svc, i);
    if (!ip) return;
    const prefix = svc.metadata.name.toUpperCase().replace(/-/g, "_");
    const ports: Obj[] = svc.spec.ports ?? [];
    env[`${prefix}_SERVICE_HOST`] = ip;
    if (ports.length > 0) env[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports)
      if (p.name)
        env[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`] = String(p.port);
    if (ports.length === 0) return;
    const proto = (p: Obj) => (p.protocol ?? "TCP").toLowerCase();
    env[`${prefix}_PORT`] = `${proto(ports[0])}://${ip}:${ports[0].port}`;
    for (const p of ports) {
      const key = `${prefix}_PORT_${p.port}_${proto(p).toUpperCase()}`;
      env[key] = `${proto(p)}://${ip}:${p.port}`;
      env[`${key}_PROTO`] = proto(p);
      env[`${key}_PORT`] = String(p.port);
      env[`${key}_ADDR`] = ip;
    }
  });
  return env;
}

/** `$(VAR)` expansion as the kubelet does it: known names are replaced, `$$` escapes, unknown ones stay as written. */
export function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) =>
    m === "$$" ? "$" : name in env ? env[name] : m,
  );
}

function secretKey(cluster: Cluster, ref: Obj, what: string): string | undefined {
  const data = cluster.secrets.get(ref.name);
  if (data === undefined || !(ref.key in data)) {
    if (ref.optional) return undefined;
    throw new ContainerConfigError(
      data === undefined
        ? `${what}: secret "${ref.name}" not found`
        : `${what}: couldn't find key ${ref.key} in Secret ${cluster.namespace}/${ref.name}`,
    );
  }
  return data[ref.key];
}

function configMapKey(cluster: Cluster, ref: Obj, what: string): string | undefined {
  const data = cluster.configMaps.get(ref.name);
  if (data === undefined || !(ref.key in data)) {
    if (ref.optional) return undefined;
    throw new ContainerConfigError(
      `${what}: configmap "${ref.name}" or its key ${ref.key} not found`,
    );
  }
  return data[ref.key];
}

function fieldRef(path: string, pod: Obj, podIp: string, what: string): string {
  const values: Record<string, string | undefined> = {
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace,
    "status.podIP": podIp,
    "spec.serviceAccountName": pod.spec.serviceAccountName ?? "default",
  };
  if (!(path in values)) throw new Error(`${what}: fieldRef ${path} not modelled`);
  return values[path] ?? "";
}

/**
 * The container's environment, in the kubelet's order: envFrom, then env (with `$(VAR)` expansion against what came
 * before), then service-link variables for names not already set. A missing non-optional key throws
 * ContainerConfigError, as the kubelet refuses to start the container.
 */
export function containerEnv(
  container: Obj,
  pod: Obj,
  cluster: Cluster,
  podIp: string,
  imageEnv: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  const who = `container "${container.name}"`;
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    const source = from.secretRef
      ? cluster.secrets.get(from.secretRef.name)
      : cluster.configMaps.get(from.configMapRef?.name);
    const ref = from.secretRef ?? from.configMapRef;
    if (source === undefined) {
      if (ref?.optional) continue;
      throw new ContainerConfigError(`${who} envFrom: "${ref?.name}" not found`);
    }
    for (const [k, v] of Object.entries(source)) env[prefix + k] = v;
  }
  for (const e of container.env ?? []) {
    const what = `${who} env ${e.name}`;
    const vf = e.valueFrom;
    let value: string | undefined;
    if (!vf) value = expand(e.value ?? "", env);
    else if (vf.secretKeyRef) value = secretKey(cluster, vf.secretKeyRef, what);
    else if (vf.configMapKeyRef) value = configMapKey(cluster, vf.configMapKeyRef, what);
    else if (vf.fieldRef) value = fieldRef(vf.fieldRef.fieldPath, pod, podIp, what);
    else throw new Error(`${what}: ${Object.keys(vf).join(", ")} not modelled`);
    if (value !== undefined) env[e.name] = value;
  }
  const links = serviceLinkEnv(cluster, pod.spec.enableServiceLinks !== false);
  for (const [k, v] of Object.entries(links)) if (!(k in env)) env[k] = v;
  // The image's ENV comes first and the pod's variables override it (the runtime merges them this way).
  return { ...imageEnv, ...env };
}

export interface MountedFile {
  content: string;
  /** The file's mode as the kubelet leaves it. */
  mode: number;
}

export interface MountPlan {
  volume: string;
  source: "claim" | "emptyDir" | "configMap" | "secret";
  /** Claim template name, ConfigMap or Secret name. */
  ref: string;
  mountPath: string;
  readOnly: boolean;
  /** configMap/secret: path inside the volume → content and mode. */
  files?: Record<string, MountedFile>;
}

/** The API server's default `defaultMode` of configMap and secret volumes (0644). */
const DEFAULT_MODE = 0o644;
/** With an fsGroup the kubelet makes a read-only volume's files group-readable (pkg/volume SetVolumeOwnership). */
const FS_GROUP_READ = 0o440;

/**
 * The files of a configMap or secret volume, as the kubelet's atomic writer lays them out: every key, or the listed
 * `items` at their paths; each file's mode is the item's `mode`, else `defaultMode`, else 0644, and with an fsGroup
 * also group-readable. A missing source or item key stops the container unless the volume is `optional`.
 */
function projectedFiles(
  source: Obj,
  kind: string,
  name: string,
  data: Record<string, string> | undefined,
  fsGroup: number | undefined,
  what: string,
): Record<string, MountedFile> {
  if (data === undefined) {
    if (source.optional) return {};
    throw new ContainerConfigError(`${what}: ${kind} "${name}" not found`);
  }
  const mode = (m: number | undefined) =>
    (m ?? source.defaultMode ?? DEFAULT_MODE) | (fsGroup === undefined ? 0 : FS_GROUP_READ);
  const items: Obj[] = source.items ?? Object.keys(data).map((key) => ({ key, path: key }));
  const files: Record<string, MountedFile> = {};
  for (const item of items) {
    if (!(item.key in data)) {
      if (source.optional) continue;
      throw new ContainerConfigError(`${what}: ${kind} ${name} has no key ${item.key}`);
    }
    files[item.path] = { content: data[item.key], mode: mode(item.mode) };
  }
  return files;
}

/** Each volume mount of the container, with where its data comes from. */
export function mountPlan(
  container: Obj,
  podSpec: Obj,
  claimTemplates: Obj[],
  cluster: Cluster,
): MountPlan[] {
  const volumes = new Map<string, Obj>((podSpec.volumes ?? []).map((v: Obj) => [v.name, v]));
  const claims = new Set(claimTemplates.map((c) => c.metadata.name));
  const fsGroup: number | undefined = podSpec.securityContext?.fsGroup;
  return (container.volumeMounts ?? []).map((m: Obj) => {
    const what = `container "${container.name}" volumeMount ${m.name}`;
    if (m.subPath || m.subPathExpr) throw new Error(`${what}: subPath not modelled`);
    const v = volumes.get(m.name);
    const mount = { volume: m.name, ref: m.name, mountPath: m.mountPath, readOnly: !!m.readOnly };
    if (!v && claims.has(m.name)) return { ...mount, source: "claim" };
    if (!v) throw new ContainerConfigError(`${what}: no volume or claim template named ${m.name}`);
    if (v.emptyDir) return { ...mount, source: "emptyDir" };
    // configMap and secret volumes are always mounted read-only by the kubelet.
    if (v.configMap) {
      const name: string = v.configMap.name;
      const data = cluster.configMaps.get(name);
      const files = projectedFiles(v.configMap, "configmap", name, data, fsGroup, what);
      return { ...mount, source: "configMap", ref: name, readOnly: true, files };
    }
    if (v.secret) {
      const name: string = v.secret.secretName;
      const data = cluster.secrets.get(name);
      const files = projectedFiles(v.secret, "secret", name, data, fsGroup, what);
      return { ...mount, source: "secret", ref: name, readOnly: true, files };
    }
    throw new Error(
      `${what}: volume type ${Object.keys(v).filter((k) => k !== "name")} not modelled`,
    );
  });
}

/**
 * uid/gid/fsGroup and a read-only root, from the pod and container security contexts. The sandbox always runs the
 * process with no_new_privs and as a non-root user without capabilities, which is what the rendered
 * `allowPrivilegeEscalation: false` and `drop: [ALL]` ask for; a context asking for more is not modelled.
 */
export function identity(container: Obj, podSpec: Obj, imageUser: { uid: number; gid: number }) {
  const pod = podSpec.securityContext ?? {};
  const ctr = container.securityContext ?? {};
  const uid: number = ctr.runAsUser ?? pod.runAsUser ?? imageUser.uid;
  const gid: number = ctr.runAsGroup ?? pod.runAsGroup ?? imageUser.gid;
  if ((ctr.runAsNonRoot ?? pod.runAsNonRoot) && uid === 0)
    throw new ContainerConfigError(
      `container "${container.name}": runAsNonRoot and the image will run as root`,
    );
  if (ctr.privileged || ctr.capabilities?.add?.length)
    throw new Error(`container "${container.name}": privileged or added capabilities not modelled`);
  const fsGroup: number | undefined = pod.fsGroup;
  if (fsGroup !== undefined && fsGroup !== gid)
    throw new Error(
      `fsGroup ${fsGroup} differs from the primary group ${gid}: supplementary groups not modelled`,
    );
  return { uid, gid, fsGroup, readOnlyRoot: ctr.readOnlyRootFilesystem === true };
}

/** A probe's or Service's port (number or container port name) as a container port number. */
export function resolvePort(port: number | string, container: Obj, what: string): number {
  if (typeof port === "number") return port;
  if (/^[0-9]+$/.test(port)) return Number(port);
  const named = (container.ports ?? []).find((p: Obj) => p.name === port);
  if (!named) throw new Error(`${what}: no container port named "${port}"`);
  return named.containerPort;
}
