/**
 * Whether the server container may listen below 1024, for the models' rules on the server's own listeners: the
 * kernel lets a process bind there with CAP_NET_BIND_SERVICE (added, or kept by root) or when the pod's sysctl
 * `net.ipv4.ip_unprivileged_port_start` is at most the port. The default security context (uid 65532, every
 * capability dropped) may not.
 */
import { RUN_AS_ID } from "../defaults";

const UNPRIVILEGED_PORT_START = "net.ipv4.ip_unprivileged_port_start";

/** The core/v1 fields that decide it, of the container's effective and the pod's security context. */
export interface BindContext {
  container: {
    privileged?: boolean;
    runAsUser?: number;
    capabilities?: { add?: string[]; drop?: string[] };
  };
  pod: { runAsUser?: number; sysctls?: Array<{ name: string; value: string }> };
}

const capabilities = (list: string[] | undefined) =>
  new Set((list ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, "")));

export function mayBind({ container, pod }: BindContext, port: number): boolean {
  if (port >= 1024) return true;
  const sysctl = pod.sysctls?.find((s) => s.name === UNPRIVILEGED_PORT_START);
  if (sysctl && /^\d+$/.test(sysctl.value) && Number(sysctl.value) <= port) return true;
  if (container.privileged) return true;
  const add = capabilities(container.capabilities?.add);
  if (add.has("NET_BIND_SERVICE") || add.has("ALL")) return true;
  const drop = capabilities(container.capabilities?.drop);
  const uid = container.runAsUser ?? pod.runAsUser ?? RUN_AS_ID;
  return uid === 0 && !drop.has("NET_BIND_SERVICE") && !drop.has("ALL");
}

/** `<path>: <port> is below 1024 …`, with the ways out. */
export function privilegedPortProblem(path: string, port: number): string {
  return `${path}: ${port} is below 1024 and the container may not listen there (it runs as a non-root user without NET_BIND_SERVICE): use a port of 1024 or more, or a securityContext whose capabilities.add has NET_BIND_SERVICE (or podSecurityContext.sysctls ${UNPRIVILEGED_PORT_START} at most ${port})`;
}
