/**
 * The declared adapters and what each one opens: Service ports, container ports and NetworkPolicy ports, exactly as
 * the v0.29 operator renders them for the adapters it discovers (its steady state).
 */
import { createHash } from "crypto";
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { FIXED_PORTS } from "./constants";

export interface Adapter {
  /** The sanitised type: lower case, `[a-z0-9-]` only, as the operator names Services after it. */
  type: string;
  port: number;
}

export interface PortSpec {
  name: string;
  port: number;
  targetPort: number;
  protocol: "TCP" | "UDP";
}

/**
 * The operator's sanitising of an adapter type for object and port names. Lower-cased per character as Go's
 * `strings.ToLower` does: JavaScript alone lower-cases U+0130 (capital I with dot) to two characters, Go to `i`.
 */
export function sanitiseType(type: string): string {
  const clean = type
    .replace(/\u0130/g, "i")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return clean === "" ? "unknown" : clean;
}

export function declaredAdapters(spec: V029Spec): Adapter[] {
  return spec.adapters.map((a) => ({ type: sanitiseType(a.type), port: a.port }));
}

/** `adapter-<type>`, cut to the 15 characters a port name may have, as the operator cuts it. */
export function adapterPortName(type: string): string {
  const name = `adapter-${type}`;
  if (name.length <= 15) return name;
  const hash = createHash("sha256").update(type).digest("hex").slice(0, 4);
  return `adapter-${type.slice(0, 2).replace(/-+$/, "")}-${hash}`;
}

const port = (name: string, p: number, target: number, protocol: "TCP" | "UDP"): PortSpec => ({
  name,
  port: p,
  targetPort: target,
  protocol,
});

/** The ports of `<name>-adapter-<type>`, in the operator's order. */
export function servicePorts(a: Adapter): PortSpec[] {
  const own = port(adapterPortName(a.type), a.port, a.port, "TCP");
  const mdns = port("mdns", FIXED_PORTS.mdns, FIXED_PORTS.mdns, "UDP");
  const pm = FIXED_PORTS.portmapper;
  if (a.type === "nfs") {
    return [
      own,
      port("portmap", pm.service, pm.container, "TCP"),
      port("portmap-udp", pm.service, pm.container, "UDP"),
      port("adapter-nfs-udp", a.port, a.port, "UDP"),
      mdns,
    ];
  }
  if (a.type === "smb") {
    const wsd = FIXED_PORTS.wsDiscovery;
    const meta = FIXED_PORTS.wsDiscoveryMetadata;
    return [own, mdns, port("wsd", wsd, wsd, "UDP"), port("wsd-meta", meta, meta, "TCP")];
  }
  return [own, mdns];
}

/** The container ports the adapters add, sorted by name (the operator's steady state). */
export function containerPorts(
  adapters: Adapter[],
): Array<{ name: string; containerPort: number; protocol: string }> {
  const ports: Array<{ name: string; containerPort: number; protocol: string }> = [];
  const add = (name: string, containerPort: number, protocol: string) =>
    ports.push({ name, containerPort, protocol });
  for (const a of adapters) {
    add(adapterPortName(a.type), a.port, "TCP");
    if (a.type === "nfs") {
      add("adapter-nfs-pm", FIXED_PORTS.portmapper.container, "TCP");
      add("adapter-pm-udp", FIXED_PORTS.portmapper.container, "UDP");
    }
    if (a.type === "smb") {
      add("adapter-wsd", FIXED_PORTS.wsDiscovery, "UDP");
      add("adapter-wsdmeta", FIXED_PORTS.wsDiscoveryMetadata, "TCP");
    }
  }
  if (adapters.length > 0) add("adapter-mdns", FIXED_PORTS.mdns, "UDP");
  return ports.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** The ports `<name>-adapter-<type>`'s NetworkPolicy opens (mDNS and WS-Discovery stay closed, as the operator does). */
export function policyPorts(a: Adapter): Array<{ protocol: string; port: number }> {
  const ports = [{ protocol: "TCP", port: a.port }];
  if (a.type === "nfs") {
    const pm = FIXED_PORTS.portmapper.container;
    ports.push(
      { protocol: "TCP", port: pm },
      { protocol: "UDP", port: pm },
      { protocol: "UDP", port: a.port },
    );
  }
  return ports;
}
