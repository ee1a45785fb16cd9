/**
 * What the v0.29 operator converges to for the adapters the server's API reports as enabled and running, written
 * from the v0.29 delta document's description of the adapter Services, the container ports and the NetworkPolicies,
 * not from src/. A fresh v0.29 server reports NFS on 12049 and SMB on 1445.
 */
import { createHash } from "crypto";
import type { Obj } from "../../helpers/objects";

/** An adapter as `GET /api/v1/adapters` reports it (only enabled and running ones count). */
export interface DiscoveredAdapter {
  type: string;
  port: number;
  enabled: boolean;
  running: boolean;
}

/** What a fresh v0.29 server reports after its first start. */
export const FRESH_SERVER_ADAPTERS: DiscoveredAdapter[] = [
  { type: "nfs", port: 12049, enabled: true, running: true },
  { type: "smb", port: 1445, enabled: true, running: true },
];

/** Lower case, `[a-z0-9-]` only, dashes collapsed and trimmed, `unknown` when nothing is left. */
export function adapterType(type: string): string {
  const t = type
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return t || "unknown";
}

/** `adapter-<type>`, or when longer than 15: `adapter-` + 2 characters + `-` + 4 hex of SHA-256(type). */
function portName(type: string): string {
  const name = `adapter-${type}`;
  if (name.length <= 15) return name;
  const hex = createHash("sha256").update(type, "utf8").digest("hex").slice(0, 4);
  return `adapter-${type.slice(0, 2).replace(/-+$/, "")}-${hex}`;
}

/** Active adapters, one per distinct sanitised type, in the API's order. */
export function activeAdapters(
  reported: DiscoveredAdapter[],
): Array<{ type: string; port: number }> {
  const seen = new Set<string>();
  const out: Array<{ type: string; port: number }> = [];
  for (const a of reported.filter((x) => x.enabled && x.running)) {
    const type = adapterType(a.type);
    if (seen.has(type)) continue;
    seen.add(type);
    out.push({ type, port: a.port });
  }
  return out;
}

const svcPort = (name: string, port: number, targetPort: number, protocol: string) => ({
  name,
  port,
  targetPort,
  protocol,
});

export function adapterServicePorts(a: { type: string; port: number }): Obj[] {
  const own = svcPort(portName(a.type), a.port, a.port, "TCP");
  const mdns = svcPort("mdns", 5353, 5353, "UDP");
  if (a.type === "nfs")
    return [
      own,
      svcPort("portmap", 111, 10111, "TCP"),
      svcPort("portmap-udp", 111, 10111, "UDP"),
      svcPort("adapter-nfs-udp", a.port, a.port, "UDP"),
      mdns,
    ];
  if (a.type === "smb")
    return [own, mdns, svcPort("wsd", 3702, 3702, "UDP"), svcPort("wsd-meta", 5357, 5357, "TCP")];
  return [own, mdns];
}

/** The `adapter-*` container ports the adapter step writes (sorted by name, as they stay at steady state). */
export function adapterContainerPorts(active: Array<{ type: string; port: number }>): Obj[] {
  const ports: Obj[] = [];
  const add = (name: string, containerPort: number, protocol: string) =>
    ports.push({ name, containerPort, protocol });
  for (const a of active) {
    add(portName(a.type), a.port, "TCP");
    if (a.type === "nfs") {
      add("adapter-nfs-pm", 10111, "TCP");
      add("adapter-pm-udp", 10111, "UDP");
    }
  }
  if (active.length > 0) add("adapter-mdns", 5353, "UDP");
  if (active.some((a) => a.type === "smb")) {
    add("adapter-wsd", 3702, "UDP");
    add("adapter-wsdmeta", 5357, "TCP");
  }
  return ports.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Ports a `<name>-adapter-<type>` NetworkPolicy opens: mDNS and WS-Discovery stay closed. */
export function adapterPolicyPorts(a: { type: string; port: number }): Obj[] {
  const ports = [{ protocol: "TCP", port: a.port }];
  if (a.type === "nfs")
    ports.push(
      { protocol: "TCP", port: 10111 },
      { protocol: "UDP", port: 10111 },
      { protocol: "UDP", port: a.port },
    );
  return ports;
}
