/**
 * What the API server (and, for one rule, the kubelet) rejects in an object although its OpenAPI schema, hence
 * kubernetes-models, accepts it: cross-field rules of Kubernetes' validation (k8s.io/kubernetes pkg/apis/core/validation),
 * written out here for the objects the component emits.
 *
 * - Object names: Services DNS-1035 labels; StatefulSets, claim templates and PerconaPGClusters DNS-1123 labels
 *   (`<name>` reaches pod labels); Secrets, ConfigMaps, NetworkPolicies and ServiceMonitors DNS-1123 subdomains.
 *   Label values (labels, selectors) at most 63 of `[A-Za-z0-9_.-]`, alphanumeric at both ends.
 * - Container ports: names unique and IANA service names (at most 15 of `[a-z0-9-]`, a letter, no `--`, no `-` at
 *   either end). Service ports: names unique DNS-1123 labels, each (port, protocol) once.
 * - Volumes: names unique; every mount names a volume or a claim template; mount paths unique.
 * - Container security context: `privileged` or `capabilities.add: [CAP_SYS_ADMIN]` with
 *   `allowPrivilegeEscalation: false` is rejected; `runAsNonRoot: true` with uid 0 makes the kubelet refuse the
 *   container.
 * - Resources: no negative quantity, requests at most limits.
 */
import { parseQuantity } from "../../src/resolve/quantity";
import type { Obj } from "../helpers/objects";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Kubernetes' name rules per kind: Services are DNS-1035 labels; StatefulSets, their claim templates and the
 * PerconaPGCluster (whose name Percona derives its own objects' names from) DNS-1123 labels; Secrets, ConfigMaps,
 * NetworkPolicies and ServiceMonitors DNS-1123 subdomains (so `<name>-admin-bootstrap-credentials` may exceed 63
 * characters, as Kubernetes allows).
 */
function nameRule(kind: string, topLevel: boolean): { pattern: RegExp; max: number } {
  if (topLevel && kind === "Service") return { pattern: DNS1035_LABEL, max: 63 };
  if (topLevel && ["Secret", "ConfigMap", "NetworkPolicy", "ServiceMonitor"].includes(kind))
    return { pattern: DNS1123_SUBDOMAIN, max: 253 };
  return { pattern: DNS1123_LABEL, max: 63 };
}

export interface NamedValue {
  where: string;
  value: string;
  pattern: RegExp;
  max: number;
}

/** Every object name (metadata at any depth) and label value (labels, selectors) in `obj`, with its rule. */
export function namesAndLabels(obj: Obj): NamedValue[] {
  const found: NamedValue[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`));
    if (typeof node !== "object" || node === null) return;
    for (const [k, v] of Object.entries(node as Obj)) {
      const here = `${at}.${k}`;
      if (k === "metadata" && typeof v?.name === "string")
        found.push({ where: `${here}.name`, value: v.name, ...nameRule(obj.kind, at === "") });
      const labelMap =
        k === "labels" || k === "matchLabels" || (k === "selector" && obj.kind === "Service");
      if (labelMap && typeof v === "object" && v !== null) {
        for (const [lk, lv] of Object.entries(v as Obj))
          found.push({
            where: `${here}.${lk}`,
            value: String(lv),
            pattern: DNS1123_LABEL,
            max: 63,
          });
      }
      walk(v, here);
    }
  };
  walk(obj, "");
  return found;
}

/** `namesAndLabels` with label values checked as Kubernetes checks them (not only DNS-1123 labels). */
function nameProblems(obj: Obj): string[] {
  return namesAndLabels(obj).flatMap(({ where, value, pattern, max }) => {
    const isLabel = !where.endsWith(".name");
    const ok = isLabel ? LABEL_VALUE.test(value) : pattern.test(value);
    return value.length <= max && ok ? [] : [`${where}: ${JSON.stringify(value)} is not valid`];
  });
}

function duplicates<T>(items: T[], key: (t: T) => string): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) dup.push(k);
    seen.add(k);
  }
  return dup;
}

function containerProblems(c: Obj, at: string, volumeNames: Set<string>): string[] {
  const problems: string[] = [];
  const ports: Obj[] = c.ports ?? [];
  for (const d of duplicates(
    ports.filter((p) => p.name),
    (p) => p.name,
  ))
    problems.push(`${at}.ports: duplicate port name ${d}`);
  for (const p of ports)
    if (p.name !== undefined && (p.name.length > 15 || !IANA_SVC_NAME.test(p.name)))
      problems.push(`${at}.ports: ${JSON.stringify(p.name)} is not an IANA service name`);
  const mounts: Obj[] = c.volumeMounts ?? [];
  for (const m of mounts)
    if (!volumeNames.has(m.name)) problems.push(`${at}.volumeMounts: ${m.name} names no volume`);
  for (const d of duplicates(mounts, (m) => m.mountPath))
    problems.push(`${at}.volumeMounts: mount path ${d} used twice`);
  const sc = c.securityContext ?? {};
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged)
      problems.push(`${at}.securityContext: allowPrivilegeEscalation false and privileged true`);
    if ((sc.capabilities?.add ?? []).includes("CAP_SYS_ADMIN"))
      problems.push(`${at}.securityContext: allowPrivilegeEscalation false and CAP_SYS_ADMIN`);
  }
  const resources = c.resources ?? {};
  for (const kind of ["requests", "limits"])
    for (const [r, q] of Object.entries((resources[kind] ?? {}) as Obj)) {
      const v = parseQuantity(String(q));
      if (v !== undefined && v < 0n) problems.push(`${at}.resources.${kind}.${r}: negative`);
    }
  for (const [r, q] of Object.entries((resources.requests ?? {}) as Obj)) {
    const limit = resources.limits?.[r];
    const [a, b] = [
      parseQuantity(String(q)),
      limit === undefined ? undefined : parseQuantity(String(limit)),
    ];
    if (a !== undefined && b !== undefined && a > b)
      problems.push(`${at}.resources.requests.${r}: above its limit`);
  }
  return problems;
}

/** The kubelet refuses a container that must run as non-root but runs as uid 0. */
function kubeletProblems(pod: Obj, c: Obj, at: string): string[] {
  const sc = c.securityContext ?? {};
  const podSc = pod.securityContext ?? {};
  const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  const uid = sc.runAsUser ?? podSc.runAsUser;
  return nonRoot && uid === 0
    ? [`${at}: runAsNonRoot with runAsUser 0 (the kubelet refuses it)`]
    : [];
}

function statefulSetProblems(sts: Obj): string[] {
  const pod = sts.spec.template.spec;
  const volumes: Obj[] = pod.volumes ?? [];
  const problems = duplicates(volumes, (v) => v.name).map((d) => `volumes: duplicate name ${d}`);
  const names = new Set([
    ...volumes.map((v) => v.name),
    ...(sts.spec.volumeClaimTemplates ?? []).map((t: Obj) => t.metadata.name),
  ]);
  for (const [list, key] of [
    [pod.initContainers ?? [], "initContainers"],
    [pod.containers ?? [], "containers"],
  ] as const)
    list.forEach((c: Obj, i: number) => {
      const at = `${key}[${i}]`;
      problems.push(...containerProblems(c, at, names), ...kubeletProblems(pod, c, at));
    });
  return problems;
}

function serviceProblems(svc: Obj): string[] {
  const ports: Obj[] = svc.spec.ports ?? [];
  const problems = duplicates(ports, (p) => String(p.name)).map(
    (d) => `ports: duplicate name ${d}`,
  );
  problems.push(
    ...duplicates(ports, (p) => `${p.port}/${p.protocol ?? "TCP"}`).map(
      (d) => `ports: duplicate port ${d}`,
    ),
  );
  if (ports.length > 1)
    for (const p of ports)
      if (!p.name || p.name.length > 63 || !DNS1123_LABEL.test(p.name))
        problems.push(`ports: ${JSON.stringify(p.name)} is not a DNS-1123 label`);
  return problems;
}

/** Every such problem of one object, prefixed `<Kind>/<name>`; empty when the API server would accept it. */
export function apiServerProblems(obj: Obj): string[] {
  const problems = nameProblems(obj);
  if (obj.kind === "StatefulSet") problems.push(...statefulSetProblems(obj));
  if (obj.kind === "Service") problems.push(...serviceProblems(obj));
  return problems.map((p) => `${obj.kind}/${obj.metadata?.name}: ${p}`);
}

export function objectsApiServerProblems(objects: object[]): string[] {
  return objects.flatMap((o) => apiServerProblems(o as Obj));
}
