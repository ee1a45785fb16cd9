/**
 * A real v0.29 DittoFS server for the resource tests: the default DittoServer of the v0.29 model, rendered by the
 * CLI and booted in the pod sandbox of the server contract tests (`npm run test:server`). Its REST API answers at the
 * pod's address; the admin password is the one the render generated.
 */
import * as fs from "fs";
import * as path from "path";
import { CaseRun } from "../server/case-run";
import { cr } from "../server/cases";
import { renderWithCli } from "../server/rendered-pod";
import { sandboxUnavailable, workDir } from "../server/sandbox";
import { binaryPath, TODAYS_SERVER, unusable } from "../server/server-builds";

export const API_PORT = 8080;

/** Why no live server can boot here (empty when it can). */
export function liveServerUnavailable(): string {
  return sandboxUnavailable() || unusable(TODAYS_SERVER);
}

export class LiveServer {
  private constructor(
    readonly run: CaseRun,
    readonly name: string,
  ) {}

  /** Renders and boots a server named `name` (with `storage`'s claims), and waits for its health endpoint. */
  static async start(
    name: string,
    storage: Record<string, string> = { metadataSize: "1Gi" },
  ): Promise<LiveServer> {
    const dir = workDir(`resources-${name}-`);
    const rendered = renderWithCli(cr(name, { storage }, "v0.29"), []);
    fs.writeFileSync(path.join(dir, "rendered.json"), JSON.stringify(rendered.objects));
    const run = new CaseRun(TODAYS_SERVER, binaryPath(TODAYS_SERVER), rendered, dir);
    run.startPod();
    await run.waitHealthy();
    return new LiveServer(run, name);
  }

  get endpoint(): string {
    return `http://${this.run.ip}:${API_PORT}`;
  }

  get adminPassword(): string {
    return this.run.secretValue(`${this.name}-admin-bootstrap-credentials`, "password");
  }

  /** Stops the pod (the claims stay: `restart` brings the same server back). */
  async stop(): Promise<void> {
    await this.run.deletePod();
  }

  async restart(): Promise<void> {
    if (this.run.container) await this.run.deletePod();
    this.run.startPod();
    await this.run.waitHealthy();
  }

  /** A REST call as admin, outside the provider (out-of-band changes, and reading what the provider did). */
  async rest(
    method: string,
    urlPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const token = await this.run.login(this.adminPassword);
    // A store's answer waits for its health probe (the server gives it 5 s, an unreachable S3 uses them all).
    const res = await this.run.request(method, urlPath, { body, token, timeoutMs: 20000 });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // plain text
    }
    return { status: res.status, body: parsed };
  }

  async dispose(): Promise<void> {
    await this.run.dispose();
  }
}
