/**
 * The v0.29 rules on what the pod listens on, for a pod that serves (differences: validation-static): declared
 * adapters of distinct types whose Service names fit, every listener (API, metrics, each adapter, the portmapper,
 * mDNS, WS-Discovery) on its own port and above 1024 unless the container may bind lower, Service ports that stay
 * distinct, and container port names that stay unique. Synchronous and pure.
 */
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { show } from "../../resolve/errors";
import { mayBind, privilegedPortProblem, type BindContext } from "../../resolve/privileged-ports";
import { adapterName } from "../../naming";
import type { ResolvedServer } from "../object-model";
import { adapterPortName, containerPorts, sanitiseType } from "./adapters";
import { FIXED_PORTS } from "./constants";
import { containerSecurityContext } from "./pod-template";

type Server = ResolvedServer<V029Spec>;

/** `<name>-adapter-<type>` must be a Service name (≤ 63); with the shortest types that leaves 51 for `<name>`. */
export const MAX_NAME_LENGTH = 51;

interface Listener {
  what: string;
  path: string;
  port: number;
}

/** What each fixed container port name stands for (the adapters' own are `adapter-<type>`). */
const FIXED_PORT_NAMES: Record<string, string> = {
  "adapter-mdns": "mDNS",
  "adapter-nfs-pm": "the NFS portmapper",
  "adapter-pm-udp": "the NFS portmapper",
  "adapter-wsd": "WS-Discovery",
  "adapter-wsdmeta": "WS-Discovery metadata",
};

/**
 * Declared adapters: distinct types (after the operator's sanitising), Service names that fit, and every port the pod
 * listens on (API, metrics, each adapter, the portmapper, mDNS, WS-Discovery) distinct.
 */
function portRules(server: Server): { problems: string[]; listeners: Listener[] } {
  const { spec, name } = server;
  const problems: string[] = [];
  const nameFits = name.length <= MAX_NAME_LENGTH;
  if (!nameFits)
    problems.push(
      `metadata.name: ${show(name)} is ${name.length} characters; at most ${MAX_NAME_LENGTH} leave room for <name>-adapter-<type> Service names`,
    );
  const listeners: Listener[] = [
    { what: "the API", path: "spec.controlPlane.port", port: spec.controlPlane.port },
  ];
  if (spec.metrics.enabled)
    listeners.push({ what: "metrics", path: "spec.metrics.port", port: spec.metrics.port });
  const seen = new Map<string, number>();
  spec.adapters.forEach((adapter, i) => {
    const path = `spec.adapters[${i}]`;
    const type = sanitiseType(adapter.type);
    const first = seen.get(type);
    if (first !== undefined)
      problems.push(
        `${path}.type: ${show(adapter.type)} names the same adapter as spec.adapters[${first}] (${type})`,
      );
    seen.set(type, i);
    const service = adapterName(name, type);
    // A name that is too long is said once, above.
    if (nameFits && service.length > 63)
      problems.push(
        `${path}.type: ${show(adapter.type)} makes the Service name ${show(service)} longer than 63 characters`,
      );
    // The NFS Service maps 111 to the portmapper: the adapter's own Service port cannot be 111 as well.
    if (type === "nfs" && adapter.port === FIXED_PORTS.portmapper.service)
      problems.push(
        `${path}.port: ${adapter.port} is the portmapper's port of the Service ${show(service)} (${FIXED_PORTS.portmapper.service} -> ${FIXED_PORTS.portmapper.container}): the NFS adapter needs another port`,
      );
    listeners.push({ what: `the ${type} adapter`, path: `${path}.port`, port: adapter.port });
  });
  const fixed: Array<[string, number, boolean]> = [
    ["the NFS portmapper", FIXED_PORTS.portmapper.container, seen.has("nfs")],
    ["mDNS", FIXED_PORTS.mdns, seen.size > 0],
    ["WS-Discovery", FIXED_PORTS.wsDiscovery, seen.has("smb")],
    ["WS-Discovery metadata", FIXED_PORTS.wsDiscoveryMetadata, seen.has("smb")],
  ];
  for (const [what, port, used] of fixed) if (used) listeners.push({ what, path: "", port });
  listeners.forEach((l, i) => {
    const earlier = listeners.slice(0, i).find((e) => e.port === l.port);
    if (!earlier) return;
    const path = l.path || earlier.path;
    const describe = (x: Listener) =>
      x.path ? `${x.what} (${x.path})` : `${x.what} (container port ${x.port})`;
    problems.push(
      `${path}: port ${l.port} is used in the pod by both ${describe(earlier)} and ${describe(l)}`,
    );
  });
  return { problems, listeners };
}

/** The server's own listeners below 1024 need a container that may bind them (the hardened one may not). */
function privilegedRules(spec: V029Spec, listeners: Listener[]): string[] {
  // Schema-valid: the core/v1 shapes of the CRD; the container's as the pod gets it, hardening merged in.
  const context = {
    container: containerSecurityContext(spec.securityContext),
    pod: spec.podSecurityContext,
  } as unknown as BindContext;
  return listeners
    .filter((l) => l.path !== "" && !mayBind(context, l.port))
    .map((l) => privilegedPortProblem(l.path, l.port));
}

/**
 * An adapter's container port `adapter-<type>` (cut to 15 characters) must not be a name the pod already has: the
 * API server rejects a pod with two ports of one name (e.g. type `mdns`, or `nfs-pm` beside NFS).
 */
function portNameRules(spec: V029Spec): string[] {
  const adapters = spec.adapters.map((a) => ({ type: sanitiseType(a.type), port: a.port }));
  const all = containerPorts(adapters).map((p) => p.name);
  const own = adapters.map((a) => adapterPortName(a.type));
  const count = (list: string[], name: string) => list.filter((n) => n === name).length;
  const problems: string[] = [];
  adapters.forEach((a, i) => {
    // A repeated type is reported once, as the same adapter.
    if (adapters.findIndex((b) => b.type === a.type) < i) return;
    const name = own[i];
    const earlier = own.findIndex((n, j) => n === name && adapters[j].type !== a.type);
    const other =
      earlier >= 0 && earlier < i
        ? `spec.adapters[${earlier}] (${adapters[earlier].type})`
        : count(all, name) > count(own, name)
          ? (FIXED_PORT_NAMES[name] ?? "another port")
          : undefined;
    if (other !== undefined)
      problems.push(
        `spec.adapters[${i}].type: ${show(spec.adapters[i].type)} gives the container port name ${show(name)}, which the pod already has for ${other}`,
      );
  });
  return problems;
}

export function listenerRules(server: Server): string[] {
  const { problems, listeners } = portRules(server);
  return [...problems, ...privilegedRules(server.spec, listeners), ...portNameRules(server.spec)];
}
