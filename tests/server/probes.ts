/** HTTP and TCP against the pod's address, the container's probes, and Service ports resolved to listeners. */
import * as http from "http";
import * as net from "net";
import { resolvePort } from "./kubelet";

type Obj = Record<string, any>;

export interface HttpResult {
  status: number;
  body: string;
}

export function httpRequest(
  host: string,
  port: number,
  method: string,
  urlPath: string,
  options: { body?: unknown; token?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
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

/** One probe as the kubelet runs it: httpGet succeeds on 200-399, tcpSocket on a connection. */
export async function runProbe(
  probe: Obj,
  container: Obj,
  ip: string,
  what: string,
): Promise<string> {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container, what);
    const res = await httpRequest(
      probe.httpGet.host ?? ip,
      port,
      "GET",
      probe.httpGet.path ?? "/",
      {
        timeoutMs: (probe.timeoutSeconds ?? 1) * 1000,
      },
    );
    if (res.status < 200 || res.status >= 400)
      throw new Error(`${what}: GET ${probe.httpGet.path} → ${res.status}`);
    return `GET :${port}${probe.httpGet.path} → ${res.status}`;
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
