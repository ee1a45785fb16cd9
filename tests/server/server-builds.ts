/**
 * The DittoFS server builds the contract tests run, found in the toolchain's user cache. No package registry serves
 * them and nothing here builds them: build the server from its upstream source (github.com/marmos91/dittofs at the
 * commit, the package below) with Go, then `scripts/toolchain.sh install dittofs-server-<commit> <binary>` puts it in
 * place with its stamp `<commit> <sha256>` (optionally followed by `cold_s=N warm_s=N go=VERSION`, the build's times,
 * which the run prints). See README "Tested against the real server".
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { TC } from "../e2e/toolchain";

/**
 * What the image adds around the binary (the Dockerfile at that commit): entrypoint, CMD, user, workdir, ENV, the
 * directories it creates with their owners, and its VOLUMEs.
 */
export interface Image {
  entrypoint: string[];
  cmd: string[];
  workdir: string;
  /** USER, and its home in the image's /etc/passwd (`adduser -h /app`). */
  user: { uid: number; gid: number; home: string };
  env: Record<string, string>;
  dirs: Array<{ path: string; uid: number; gid: number; mode: number }>;
  volumes: string[];
}

export interface ServerBuild {
  label: string;
  commit: string;
  /** The server's main package in the DittoFS repository at that commit. */
  pkg: string;
  image: Image;
}

const ALPINE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const image = (binary: string): Image => ({
  entrypoint: [binary],
  cmd: ["start", "--foreground", "--config", "/config/config.yaml"],
  workdir: "/app",
  user: { uid: 65532, gid: 65532, home: "/app" },
  env: { PATH: ALPINE_PATH },
  // RUN mkdir -p /data/metadata /data/content /data/cache /config && chown -R 65532:65532 /data /config; alpine's /tmp.
  dirs: [
    { path: "/app", uid: 0, gid: 0, mode: 0o755 },
    { path: "/tmp", uid: 0, gid: 0, mode: 0o1777 },
    ...["/data", "/data/metadata", "/data/content", "/data/cache", "/config"].map((p) => ({
      path: p,
      uid: 65532,
      gid: 65532,
      mode: 0o755,
    })),
  ],
  volumes: ["/data/metadata", "/data/content", "/data/cache", "/config"],
});

/** The server the Feb operator deployed (required), and today's server behind `marmos91c/dittofs:latest` (optional). */
export const FEB_SERVER: ServerBuild = {
  label: "915deff5 (Feb 2026, cmd/dittofs)",
  commit: "915deff598f7c9a15e1fdc03ad60edd802f092f1",
  pkg: "./cmd/dittofs",
  image: image("/app/dittofs"),
};
export const TODAYS_SERVER: ServerBuild = {
  label: "v0.29.0 5c30c801 (cmd/dfs)",
  commit: "5c30c8012d8015ea8fc45fc0b8dc3be8afa3671c",
  pkg: "./cmd/dfs",
  image: image("/app/dfs"),
};

export const binaryPath = (b: ServerBuild) =>
  path.join(TC, "bin", "dittofs-server", `dittofs-${b.commit}`);
const stampPath = (b: ServerBuild) => path.join(TC, "stamps", `dittofs-server-${b.commit}.stamp`);

export interface Stamp {
  sha256: string;
  coldSeconds?: number;
  warmSeconds?: number;
  go?: string;
}

/** How to put a build in place. */
const installHint = (b: ServerBuild) =>
  `\`scripts/toolchain.sh install dittofs-server-${b.commit} <binary>\``;

/** Why this build cannot be used (empty when it can): missing binary, missing stamp, or a binary the stamp does not describe. */
export function unusable(b: ServerBuild): string {
  const bin = binaryPath(b);
  if (!fs.existsSync(bin))
    return (
      `server ${b.label} is not built: ${bin} is missing. It is not served by any package registry: build it from ` +
      `the upstream source (github.com/marmos91/dittofs at ${b.commit}, \`go build ${b.pkg}\`) and place it with ` +
      installHint(b)
    );
  const stamp = readStamp(b);
  if (!stamp)
    return `server ${b.label}: no build stamp at ${stampPath(b)}; put the binary in place with ${installHint(b)}`;
  const actual = crypto.createHash("sha256").update(fs.readFileSync(bin)).digest("hex");
  if (actual !== stamp.sha256)
    return `server ${b.label}: ${bin} does not match its stamp; put the binary in place again with ${installHint(b)}`;
  return "";
}

export function readStamp(b: ServerBuild): Stamp | undefined {
  if (!fs.existsSync(stampPath(b))) return undefined;
  const [commit, sha256, ...rest] = fs.readFileSync(stampPath(b), "utf8").trim().split(/\s+/);
  if (commit !== b.commit || !/^[0-9a-f]{64}$/.test(sha256 ?? "")) return undefined;
  const kv = Object.fromEntries(rest.map((t) => t.split("=") as [string, string]));
  const num = (v?: string) => (v === undefined ? undefined : Number(v));
  return { sha256, coldSeconds: num(kv.cold_s), warmSeconds: num(kv.warm_s), go: kv.go };
}
