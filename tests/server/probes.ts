/**
 * HTTP(S) and TCP against the pod's address, the container's probes, the sockets the server listens on, and Service
 * ports resolved to listeners.
 */
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import { resolvePort } from "./kubelet";
import type { Obj } from "../helpers/objects";

export interface HttpResult {
  status: number;
  body: string;
}

/**
 * HTTPS as a client sees it: the CA it trusts, the name it asked for (a Service's DNS name: the certificate is checked
 * against it, not against the pod address), and a client certificate for mTLS. `insecure` is the kubelet's HTTPS
 * probe, which verifies nothing.
 */
export type ClientTls =
  { ca: string; servername: string; cert?: string; key?: string } | { insecure: true };

export function httpRequest(
  host: string,
  port: number,
  method: string,
  urlPath: string,
  options: { body?: unknown; token?: string; timeoutMs?: number; tls?: ClientTls } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const tls = options.tls;
    const request = tls ? https.request : http.request;
    const req = request(
      {
        host,
        port,
        method,
        path: urlPath,
        timeout: options.timeoutMs ?? 5000,
        headers: {
          ...(payload ? { "content-type": "application/json" } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        ...(tls && "insecure" in tls ? { rejectUnauthorized: false } : (tls ?? {})),
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`${method} ${host}:${port}${urlPath} timed out`)),
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Whether something accepts TCP connections on host:port. */
export function tcpOpen(host: string, port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on("connect", () => finish(true));
    socket.on("error", () => finish(false));
  });
}

/** Polls until `check` returns a value or `alive()` turns false or the time runs out. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  alive: () => boolean,
  timeoutMs = 30000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${what}: the server exited`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${what}: not within ${timeoutMs} ms${last ? ` (${(last as Error).message})` : ""}`,
  );
}

/**
 * One probe as the kubelet runs it: httpGet succeeds on 200-399 (scheme HTTPS without verifying the certificate, as
 * the kubelet does), tcpSocket on a connection.
 */
export async function runProbe(
  probe: Obj,
  container: Obj,
  ip: string,
  what: string,
): Promise<string> {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container, what);
    const scheme: string = probe.httpGet.scheme ?? "HTTP";
    if (scheme !== "HTTP" && scheme !== "HTTPS") throw new Error(`${what}: scheme ${scheme}`);
    const res = await httpRequest(
      probe.httpGet.host ?? ip,
      port,
      "GET",
      probe.httpGet.path ?? "/",
      {
        timeoutMs: (probe.timeoutSeconds ?? 1) * 1000,
        ...(scheme === "HTTPS" ? { tls: { insecure: true as const } } : {}),
      },
    );
    if (res.status < 200 || res.status >= 400)
      throw new Error(`${what}: GET ${probe.httpGet.path} → ${res.status}`);
    return `${scheme} GET :${port}${probe.httpGet.path} → ${res.status}`;
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container, what);
    if (!(await tcpOpen(ip, port))) throw new Error(`${what}: nothing accepts TCP on ${port}`);
    return `TCP :${port} open`;
  }
  throw new Error(`${what}: probe type ${Object.keys(probe).join(", ")} not modelled`);
}

export interface ServiceTarget {
  service: string;
  /** The Service port's name. */
  name: string;
  protocol: "TCP" | "UDP";
  port: number;
  targetPort: number | string;
  containerPort: number;
}

/** Each Service port and the container port its `targetPort` selects (by name or number; the port itself when unset). */
export function serviceTargets(services: Obj[], container: Obj): ServiceTarget[] {
  return services.flatMap((svc) =>
    (svc.spec.ports ?? []).map((p: Obj) => {
      const target = p.targetPort ?? p.port;
      return {
        service: svc.metadata.name,
        name: p.name ?? String(p.port),
        protocol: p.protocol ?? "TCP",
        port: p.port,
        targetPort: target,
        containerPort: resolvePort(
          target,
          container,
          `Service ${svc.metadata.name} port ${p.name ?? p.port}`,
        ),
      };
    }),
  );
}

export interface Socket {
  protocol: "TCP" | "UDP";
  port: number;
  /** Bound to a loopback address only: unreachable from outside the pod. */
  loopback: boolean;
}

/** A /proc/net address (`0100007F:1F90`, or 32 hex digits for IPv6): loopback or not. */
function isLoopback(hex: string, v6: boolean): boolean {
  if (!v6) return hex.slice(6, 8) === "7F"; // little-endian 127.x.x.x
  if (hex === "00000000000000000000000001000000") return true; // ::1
  // ::ffff:127.x.x.x
  return hex.startsWith("0000000000000000FFFF0000") && hex.slice(30, 32) === "7F";
}

/**
 * The sockets a process's network namespace listens on (TCP in LISTEN, UDP bound and unconnected), from
 * `/proc/<pid>/net`: what `ss -ltun` shows in the pod.
 */
export function listeningSockets(pid: number): Socket[] {
  const found = new Map<string, Socket>();
  const tables: Array<[string, "TCP" | "UDP", string, boolean]> = [
    ["tcp", "TCP", "0A", false],
    ["tcp6", "TCP", "0A", true],
    ["udp", "UDP", "07", false],
    ["udp6", "UDP", "07", true],
  ];
  for (const [file, protocol, state, v6] of tables) {
    const table = `/proc/${pid}/net/${file}`;
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== state) continue;
      const [address, portHex] = cols[1].split(":");
      const port = parseInt(portHex, 16);
      const key = `${protocol}/${port}`;
      const loopback = isLoopback(address, v6) && (found.get(key)?.loopback ?? true);
      found.set(key, { protocol, port, loopback });
    }
  }
  return [...found.values()].sort(
    (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol),
  );
}

/** Whether something reachable from outside the pod listens on protocol/port. */
export const isListening = (sockets: Socket[], protocol: string, port: number): boolean =>
  sockets.some((s) => s.protocol === protocol && s.port === port && !s.loopback);

export const describeSockets = (sockets: Socket[]): string =>
  sockets.map((s) => `${s.port}/${s.protocol}${s.loopback ? " (loopback)" : ""}`).join(", ");
