/** A local control plane for one e2e suite (scripts/e2e/control-plane.sh), and kubectl against it. */
import * as path from "path";
import { must, runSync, type Result } from "./shell";
import { REPO, TC } from "./toolchain";

const SCRIPT = path.join(REPO, "scripts", "e2e", "control-plane.sh");

export class Cluster {
  kubeconfig = "";

  constructor(readonly run: string) {}

  /** Starts the control plane; returns why it could not start (empty when it runs). */
  start(): string {
    const started = runSync("bash", [SCRIPT, "start", this.run]);
    if (started.code !== 0) {
      // One line (CI lists the reasons of what did not run): the last lines of the script's stderr.
      const tail = started.stderr.trim().split("\n").slice(-5).join(" / ");
      return `the local control plane did not start (scripts/e2e/control-plane.sh): ${tail}`;
    }
    this.kubeconfig = path.join(this.run, "admin.kubeconfig");
    return "";
  }

  stop(): void {
    runSync("bash", [SCRIPT, "stop", this.run]);
  }

  kubectl(...args: string[]): Result {
    return runSync(path.join(TC, "bin", "kubectl"), args, {
      env: { ...process.env, KUBECONFIG: this.kubeconfig },
    });
  }

  /** `kubectl get ... -o json`, parsed. */
  getJson(...args: string[]): Record<string, any> {
    return JSON.parse(
      must(this.kubectl("get", ...args, "-o", "json"), `get ${args.join(" ")}`).stdout,
    );
  }

  /** A generic Secret from literal values. */
  createSecret(namespace: string, name: string, data: Record<string, string>): void {
    const literals = Object.entries(data).map(([k, v]) => `--from-literal=${k}=${v}`);
    must(
      this.kubectl("-n", namespace, "create", "secret", "generic", name, ...literals),
      `secret ${name}`,
    );
  }
}
