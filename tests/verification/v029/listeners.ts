/**
 * What makes the ports, adapters and security context of a v0.29 spec valid, as the generators of this folder need
 * to know it: every port the pod listens on distinct (API, metrics, each adapter, the portmapper 10111, mDNS 5353,
 * WS-Discovery 3702/5357), below 1024 only where the container may bind, adapter types distinct after the
 * operator's sanitising, their port names distinct, their Service names at most 63 characters; and a container
 * security context that, merged with the v0.29 hardening, the API server and the kubelet accept.
 * An NFS adapter is not on 111 (its Service maps 111 to the portmapper).
 */
import specSchema from "../../../src/generated/v029/spec-schema.json";
import { adapterPortName, sanitiseType } from "../../../src/models/v029/adapters";
import { FIXED_PORTS } from "../../../src/models/v029/constants";
import type { Obj } from "../../helpers/objects";

/** A CRD default of the v0.29 schema. */
export function v029Default(dotted: string): any {
  let s: Obj = specSchema;
  for (const key of dotted.split(".")) s = s.properties[key];
  return s.default;
}

export interface Listener {
  /** Dotted path of the field that sets it; "" for a fixed port. */
  path: string;
  port: number;
}

/** The adapters in effect: the declared ones, or the default list. */
export function adaptersOf(spec: Obj): Array<{ type: string; port: number }> {
  return spec.adapters ?? v029Default("adapters");
}

/** Every port the pod listens on, with the field that sets it. */
export function listeners(spec: Obj): Listener[] {
  const out: Listener[] = [
    {
      path: "controlPlane.port",
      port: spec.controlPlane?.port ?? v029Default("controlPlane.port"),
    },
  ];
  if (spec.metrics?.enabled)
    out.push({ path: "metrics.port", port: spec.metrics.port ?? v029Default("metrics.port") });
  const adapters = adaptersOf(spec);
  adapters.forEach((a, i) => out.push({ path: `adapters.${i}.port`, port: a.port }));
  const types = new Set(adapters.map((a) => sanitiseType(a.type)));
  if (types.has("nfs")) out.push({ path: "", port: FIXED_PORTS.portmapper.container });
  if (types.size > 0) out.push({ path: "", port: FIXED_PORTS.mdns });
  if (types.has("smb"))
    out.push(
      { path: "", port: FIXED_PORTS.wsDiscovery },
      { path: "", port: FIXED_PORTS.wsDiscoveryMetadata },
    );
  return out;
}

/** Ports any field or fixed listener uses, or might once a feature is switched on. */
export function usedPorts(spec: Obj): Set<number> {
  return new Set([
    ...listeners(spec).map((l) => l.port),
    spec.metrics?.port ?? v029Default("metrics.port"),
    v029Default("controlPlane.port"),
    ...Object.values(FIXED_PORTS).flatMap((p) =>
      typeof p === "number" ? [p] : [p.service, p.container],
    ),
  ]);
}

/** A port nothing uses, picked from `seed`, 1024 or more. */
export function freePort(spec: Obj, seed: number): number {
  const used = usedPorts(spec);
  let p = 20000 + (Math.abs(seed) % 40000);
  while (used.has(p)) p++;
  return p;
}

const caps = (l?: string[]) => new Set((l ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, "")));

/**
 * Whether the container may listen on `port`: 1024 or more, the pod's unprivileged-port sysctl, or
 * NET_BIND_SERVICE: added, or kept by root (the v0.29 hardening drops ALL unless the user's capabilities say `drop`).
 */
export function mayBind(spec: Obj, port: number): boolean {
  if (port >= 1024) return true;
  const container = spec.securityContext ?? {};
  const pod = spec.podSecurityContext ?? {};
  const start = pod.sysctls?.find((s: Obj) => s.name === "net.ipv4.ip_unprivileged_port_start");
  if (start && /^\d+$/.test(start.value) && Number(start.value) <= port) return true;
  if (container.privileged) return true;
  const add = caps(container.capabilities?.add);
  if (add.has("NET_BIND_SERVICE") || add.has("ALL")) return true;
  const drop = container.capabilities?.drop ? caps(container.capabilities.drop) : new Set(["ALL"]);
  const uid = container.runAsUser ?? pod.runAsUser ?? 65532;
  return uid === 0 && !drop.has("NET_BIND_SERVICE") && !drop.has("ALL");
}

/**
 * Listeners on distinct ports, each one the container may bind; an NFS adapter not on 111, the port its Service
 * gives the portmapper.
 */
export function portsValid(spec: Obj): boolean {
  const ports = listeners(spec).map((l) => l.port);
  const nfsOn111 = adaptersOf(spec).some(
    (a) => sanitiseType(a.type) === "nfs" && a.port === FIXED_PORTS.portmapper.service,
  );
  return !nfsOn111 && new Set(ports).size === ports.length && ports.every((p) => mayBind(spec, p));
}

/** The container port names of the adapters (the fixed ones included), as the model names them. */
export function adapterPortNames(spec: Obj): string[] {
  const types = adaptersOf(spec).map((a) => sanitiseType(a.type));
  const names = types.map(adapterPortName);
  if (types.includes("nfs")) names.push("adapter-nfs-pm", "adapter-pm-udp");
  if (types.includes("smb")) names.push("adapter-wsd", "adapter-wsdmeta");
  if (types.length > 0) names.push("adapter-mdns");
  return names;
}

/** Adapter types distinct once sanitised, port names distinct, Service names that fit. */
export function adaptersValid(name: string, spec: Obj): boolean {
  const types = adaptersOf(spec).map((a) => sanitiseType(a.type));
  const names = adapterPortNames(spec);
  return (
    new Set(types).size === types.length &&
    new Set(names).size === names.length &&
    types.every((t) => `${name}-adapter-${t}`.length <= 63)
  );
}

/**
 * The container's security context after the v0.29 hardening (allowPrivilegeEscalation false and runAsNonRoot true
 * unless the user set them) as the API server and the kubelet accept it: not privileged or with CAP_SYS_ADMIN while
 * escalation is off; not uid 0 while runAsNonRoot.
 */
export function securityValid(spec: Obj): boolean {
  const c = spec.securityContext ?? {};
  const pod = spec.podSecurityContext ?? {};
  const escalation = c.allowPrivilegeEscalation ?? false;
  if (!escalation && (c.privileged || (c.capabilities?.add ?? []).includes("CAP_SYS_ADMIN")))
    return false;
  const nonRoot = c.runAsNonRoot ?? true;
  if (nonRoot && (c.runAsUser ?? pod.runAsUser) === 0) return false;
  // The Percona wait container runs with the pod's context.
  return !(spec.percona?.enabled && pod.runAsNonRoot && pod.runAsUser === 0);
}
