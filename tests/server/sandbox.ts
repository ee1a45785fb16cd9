/** Whether the pod sandbox can run here, and a temp directory the pod's user can traverse. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Why the sandbox cannot run (empty when it can). */
export function sandboxUnavailable(): string {
  if (process.getuid?.() !== 0)
    return "the pod sandbox needs root (network and mount namespaces, chown to 65532)";
  if (process.env.DITTOFS_SERVER_SANDBOX !== "1")
    return "not inside the private network namespace: run `npm run test:server` (scripts/server-tests.sh)";
  for (const tool of ["ip", "unshare", "setpriv"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "pipe" });
    } catch {
      return `${tool} is not installed (util-linux / iproute2)`;
    }
  }
  return "";
}

export function workDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
