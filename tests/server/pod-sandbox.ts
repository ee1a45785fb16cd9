/**
 * Runs one container of a rendered pod the way a node would: its own network namespace with a pod address reachable
 * from the test (a veth pair), a private mount namespace whose root holds only the image's binary and the pod's
 * volumes, the pod's user, and the environment the kubelet model computed. Needs root, `ip`, `unshare`, `setpriv`;
 * `npm run test:server` runs everything inside a private network namespace of its own (scripts/server-tests.sh), so
 * nothing here touches the machine's network.
 */
import { execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Image } from "./server-builds";
import type { MountPlan } from "./kubelet";

const INIT = path.join(__dirname, "container-init.sh");

/** A pod's network: namespace `dfs-ct-<n>`, pod address 10.213.<n>.2, node side 10.213.<n>.1. */
export class PodNetwork {
  readonly ns: string;
  readonly ip: string;
  readonly nodeIp: string;
  private readonly veth: string;

  constructor(readonly index: number) {
    if (index < 1 || index > 240) throw new Error(`pod network index ${index} out of range`);
    this.ns = `dfs-ct-${index}`;
    this.veth = `vct${index}`;
    this.ip = `10.213.${index}.2`;
    this.nodeIp = `10.213.${index}.1`;
    const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
    ip("netns", "add", this.ns);
    ip("link", "add", this.veth, "type", "veth", "peer", "name", "eth0", "netns", this.ns);
    ip("addr", "add", `${this.nodeIp}/24`, "dev", this.veth);
    ip("link", "set", this.veth, "up");
    ip("-n", this.ns, "link", "set", "lo", "up");
    ip("-n", this.ns, "addr", "add", `${this.ip}/24`, "dev", "eth0");
    ip("-n", this.ns, "link", "set", "eth0", "up");
    ip("-n", this.ns, "route", "add", "default", "via", this.nodeIp);
  }

  /** Removing the namespace removes its veth pair too. */
  remove(): void {
    execFileSync("ip", ["netns", "del", this.ns], { stdio: "pipe" });
  }
}

export interface ContainerStart {
  podName: string;
  binary: string;
  image: Image;
  argv: string[];
  env: Record<string, string>;
  mounts: MountPlan[];
  /** Persistent directory of each claim template: what survives the pod. */
  claimDirs: Map<string, string>;
  uid: number;
  gid: number;
  fsGroup?: number;
  readOnlyRoot: boolean;
}

/**
 * The container's filesystem plan: the image's directories, then a directory per volume the pod owns (emptyDir,
 * configMap, secret; with the kubelet's ownership and modes) or per claim. An image VOLUME no pod volume covers gets
 * a fresh writable directory holding the image's copy (containerd's CRI does this), owned as in the image.
 */
function materialize(start: ContainerStart, podDir: string): string {
  const lines: string[] = start.image.dirs.map(
    (d) => `dir\t${d.path}\t${d.uid}\t${d.gid}\t${d.mode.toString(8)}`,
  );
  const group = start.fsGroup ?? 0;
  for (const volume of start.image.volumes) {
    if (start.mounts.some((m) => m.mountPath === volume)) continue;
    const owner = start.image.dirs.find((d) => d.path === volume) ?? {
      uid: 0,
      gid: 0,
      mode: 0o755,
    };
    const dir = path.join(podDir, "image-volumes", volume.replace(/\//g, "_"));
    fs.mkdirSync(dir, { recursive: true });
    fs.chownSync(dir, owner.uid, owner.gid);
    fs.chmodSync(dir, owner.mode);
    lines.push(`mount\t${dir}\t${volume}\trw`);
  }
  for (const m of start.mounts) {
    let dir: string;
    if (m.source === "claim") {
      dir = start.claimDirs.get(m.ref)!;
      if (!dir) throw new Error(`no persistent directory for claim ${m.ref}`);
    } else {
      dir = path.join(podDir, "volumes", m.volume);
      fs.mkdirSync(dir, { recursive: true });
      if (m.source === "emptyDir") {
        fs.chmodSync(dir, start.fsGroup === undefined ? 0o777 : 0o2777);
        fs.chownSync(dir, 0, group);
      } else {
        for (const [file, { content, mode }] of Object.entries(m.files ?? {})) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), content, { mode });
          fs.chmodSync(path.join(dir, file), mode);
          fs.chownSync(path.join(dir, file), 0, group);
        }
      }
    }
    lines.push(`mount\t${dir}\t${m.mountPath}\t${m.readOnly ? "ro" : "rw"}`);
  }
  const file = path.join(podDir, "mounts.tsv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

/** A persistent volume as a fresh provisioned claim looks to the pod: owned by the fsGroup, group-writable, setgid. */
export function provisionClaim(dir: string, fsGroup: number | undefined): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.chownSync(dir, 0, fsGroup ?? 0);
  fs.chmodSync(dir, fsGroup === undefined ? 0o755 : 0o2775);
}

export class RunningContainer {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private output = "";
  private done = false;
  private readonly child: ChildProcess;

  constructor(
    readonly start: ContainerStart,
    readonly network: PodNetwork,
    readonly podDir: string,
  ) {
    fs.mkdirSync(path.join(podDir, "rootfs"), { recursive: true });
    const mounts = materialize(start, podDir);
    const args = [
      "netns", "exec", network.ns,
      "unshare", "--mount", "--uts", "--fork", "--",
      "bash", INIT,
      path.join(podDir, "rootfs"), start.binary, start.image.entrypoint[0], start.readOnlyRoot ? "1" : "0",
      String(start.uid), String(start.gid), start.image.workdir, mounts, start.podName, this.pidFile,
      "--", ...start.argv,
    ]; // prettier-ignore
    // The process gets the container env and nothing else (PATH comes from the image's ENV).
    this.child = spawn("ip", args, { env: start.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d) => (this.output += d));
    this.child.stderr!.on("data", (d) => (this.output += d));
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => {
        this.done = true;
        resolve({ code, signal });
      }),
    );
  }

  private get pidFile(): string {
    return path.join(this.podDir, "container.pid");
  }

  get running(): boolean {
    return !this.done;
  }

  /** The container's log (stdout and stderr). */
  log(): string {
    return this.output;
  }

  /** SIGKILL was needed: the process ignored SIGTERM for the whole grace period. */
  killed = false;

  /** SIGTERM to the container's process, SIGKILL after the grace period, as the kubelet stops a container. */
  async stop(graceMs = 15000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.done) return this.exited;
    const pid = fs.existsSync(this.pidFile)
      ? Number(fs.readFileSync(this.pidFile, "utf8"))
      : undefined;
    const signal = (s: NodeJS.Signals) => {
      try {
        if (pid) process.kill(pid, s);
        else this.child.kill(s);
      } catch {
        /* already gone */
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => {
      this.killed = true;
      signal("SIGKILL");
    }, graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}
