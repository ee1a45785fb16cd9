/**
 * One rendered DittoServer on the node: its claims (kept across pod recreations) and the current pod (network,
 * container, pod-owned volumes; all discarded on recreation).
 */
import * as fs from "fs";
import * as path from "path";
import { PodNetwork, provisionClaim, RunningContainer } from "./pod-sandbox";
import { httpRequest, waitFor, type ClientTls, type HttpResult } from "./probes";
import {
  cluster,
  containerStart,
  serverContainer,
  statefulSet,
  type Rendered,
} from "./rendered-pod";
import type { ServerBuild } from "./server-builds";
import type { Obj } from "../helpers/objects";

let nextNetwork = 1;

/** How a client reaches the server's REST API: the container port, and TLS as that client does it. */
export interface ApiAccess {
  port: number;
  tls?: ClientTls;
}

export class CaseRun {
  readonly claimDirs = new Map<string, string>();
  container?: RunningContainer;
  network?: PodNetwork;
  /** The log of the last deleted container (`kubectl logs --previous`). */
  previousLog = "";
  /** The logs of every deleted container, oldest first. */
  private readonly deletedLogs: string[] = [];
  private pods = 0;

  constructor(
    readonly build: ServerBuild,
    readonly binary: string,
    readonly rendered: Rendered,
    readonly dir: string,
    /** Changes the rendered objects before the pod starts (the bad-contract tests). */
    tamper?: (objects: Obj[]) => void,
    readonly api: ApiAccess = { port: 8080 },
  ) {
    if (tamper) tamper(rendered.objects);
    const fsGroup = statefulSet(rendered).spec.template.spec.securityContext?.fsGroup;
    for (const claim of statefulSet(rendered).spec.volumeClaimTemplates ?? []) {
      const dir = path.join(this.dir, "claims", claim.metadata.name);
      provisionClaim(dir, fsGroup);
      this.claimDirs.set(claim.metadata.name, dir);
    }
  }

  get ip(): string {
    return this.network!.ip;
  }

  /** The server's pid: the only process in the container's pid file. */
  get pid(): number {
    return Number(fs.readFileSync(path.join(this.container!.podDir, "container.pid"), "utf8"));
  }

  /** A value of a Secret the pod can read (rendered or input); throws when it is missing. */
  secretValue(secret: string, key: string): string {
    const value = cluster(this.rendered).secrets.get(secret)?.[key];
    if (value === undefined) throw new Error(`no key ${key} in Secret ${secret}`);
    return value;
  }

  get containerSpec(): Obj {
    return serverContainer(this.rendered);
  }

  /** A new pod: fresh network and pod-owned volumes, the same claims. */
  startPod(): RunningContainer {
    const replicas = statefulSet(this.rendered).spec.replicas ?? 1;
    if (replicas < 1)
      throw new Error(`replicas: ${replicas}: the StatefulSet controller creates no pod`);
    this.network = new PodNetwork(nextNetwork++);
    const podDir = path.join(this.dir, `pod-${++this.pods}`);
    fs.mkdirSync(podDir, { recursive: true, mode: 0o700 });
    const start = containerStart(
      this.rendered,
      this.build,
      this.binary,
      this.network.ip,
      this.claimDirs,
    );
    this.container = new RunningContainer(start, this.network, podDir);
    return this.container;
  }

  /** Stops the container and discards everything that is not a claim. */
  async deletePod(): Promise<{ code: number | null; killed: boolean } | undefined> {
    const exit = await this.container?.stop();
    const result = this.container && { code: exit!.code, killed: this.container.killed };
    this.previousLog = this.container?.log() ?? "";
    if (this.container) this.deletedLogs.push(this.previousLog);
    if (this.container) fs.rmSync(this.container.podDir, { recursive: true, force: true });
    this.network?.remove();
    this.container = undefined;
    this.network = undefined;
    return result;
  }

  /** The first container's log (the first start). */
  get firstLog(): string {
    return this.deletedLogs[0] ?? this.container?.log() ?? "";
  }

  /** The logs of every later container, the running one included. */
  laterLogs(): string {
    const later = this.deletedLogs.slice(1);
    if (this.deletedLogs.length > 0 && this.container) later.push(this.container.log());
    return later.join("\n");
  }

  /** Every secret value the deployment holds, to keep them out of anything this test prints. */
  secretValues(): string[] {
    return [...cluster(this.rendered).secrets.values()]
      .flatMap((d) => Object.values(d))
      .filter((v) => v.length >= 6);
  }

  /** The values of credential keys (passwords, secret keys, tokens, URLs with credentials), not host or sslmode. */
  credentials(): string[] {
    return [...cluster(this.rendered).secrets.values()]
      .flatMap((d) => Object.entries(d))
      .filter(([k, v]) => /pass|secret|token|key|url/i.test(k) && v.length >= 6)
      .map(([, v]) => v);
  }

  redact(text: string): string {
    return this.secretValues().reduce((t, v) => t.split(v).join("<secret>"), text);
  }

  /** The container's log, redacted, last lines. */
  logTail(lines = 15): string {
    return this.redact(
      (this.container?.log() ?? this.previousLog).split("\n").slice(-lines).join("\n"),
    );
  }

  /** A request to the REST API at the pod address, as the API client does it (TLS, client certificate). */
  request(
    method: string,
    urlPath: string,
    options: { body?: unknown; token?: string; tls?: ClientTls; timeoutMs?: number } = {},
  ): Promise<HttpResult> {
    return httpRequest(this.ip, this.api.port, method, urlPath, { tls: this.api.tls, ...options });
  }

  /** Waits for `GET /health` on the api container port. */
  async waitHealthy(timeoutMs = 30000): Promise<void> {
    const c = this.container!;
    await waitFor(
      "GET /health",
      async () => ((await this.request("GET", "/health")).status === 200 ? true : undefined),
      () => c.running,
      timeoutMs,
    ).catch((err) => {
      throw new Error(`${err.message}\n--- container log ---\n${this.logTail()}`);
    });
  }

  /** `POST /api/v1/auth/login` as admin; the access token. */
  async login(password: string): Promise<string> {
    const res = await this.request("POST", "/api/v1/auth/login", {
      body: { username: "admin", password },
    });
    if (res.status !== 200)
      throw new Error(`login as admin → ${res.status}: ${this.redact(res.body)}`);
    const token = JSON.parse(res.body).access_token;
    if (typeof token !== "string" || token.length === 0)
      throw new Error("login answered without an access_token");
    return token;
  }

  async dispose(): Promise<void> {
    try {
      await this.deletePod();
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
