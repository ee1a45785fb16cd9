/** Where the real-engine toolchain lives, what is missing, and the environment that keeps Pulumi offline. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
export const TC =
  process.env.DITTOFS_TOOLCHAIN ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "dittofs-toolchain");

const versions = Object.fromEntries(
  fs
    .readFileSync(path.join(REPO, "toolchain", "versions.env"), "utf8")
    .split("\n")
    .filter((l) => /^[A-Z0-9_]+=/.test(l))
    .map((l) => l.replace(/\s+#.*$/, "").split("=") as [string, string]),
);
export const K8S_PROVIDER_VERSION = versions.K8S_PROVIDER_STAMP;
export const RANDOM_PROVIDER_VERSION = versions.RANDOM_PROVIDER_STAMP;

/** What each purpose needs, by item of `scripts/toolchain.sh status`. */
const NEEDED = {
  engine: [
    "pulumi",
    "pulumi-language-nodejs",
    "pulumi-resource-kubernetes",
    "pulumi-resource-random",
  ],
  cluster: [
    "etcd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "kubectl",
    "kwok",
  ],
  yaml: ["pulumi-language-yaml"],
};

export interface ToolchainItem {
  name: string;
  version: string;
  ok: boolean;
  /** `build` makes it from the Go module proxy; else it is built from its upstream source by hand. */
  fromProxy: boolean;
  path: string;
  /** One line: how to get it. */
  how: string;
}

/** `scripts/toolchain.sh status` of these items (the script is the one place that knows where each comes from). */
export function toolchainStatus(names: string[]): ToolchainItem[] {
  const r = spawnSync(
    "bash",
    [path.join(REPO, "scripts", "toolchain.sh"), "status", "--porcelain", ...names],
    {
      encoding: "utf8",
      env: { ...process.env, DITTOFS_TOOLCHAIN: TC },
    },
  );
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`scripts/toolchain.sh status failed: ${r.stderr}`);
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, version, state, source, file, how] = line.split("\t");
      return { name, version, ok: state === "ok", fromProxy: source === "proxy", path: file, how };
    });
}

/** Why missing items cannot be used, grouped by how to get them (empty when nothing is missing). */
export function missingReason(items: ToolchainItem[]): string {
  const absent = items.filter((i) => !i.ok);
  if (absent.length === 0) return "";
  const proxy = absent.filter((i) => i.fromProxy);
  const parts = [
    ...(proxy.length > 0
      ? [
          `${proxy.map((i) => `${i.name} ${i.version}`).join(", ")}: \`scripts/toolchain.sh build\` builds ` +
            `${proxy.length === 1 ? "it" : "them"} from the Go module proxy`,
        ]
      : []),
    ...absent.filter((i) => !i.fromProxy).map((i) => `${i.name} ${i.version}: ${i.how}`),
  ];
  return `missing from the toolchain cache ${TC}: ${parts.join("; ")}`;
}

/** Missing toolchain items for a purpose, as a reason to skip (empty when everything is there). */
export function missing(...purposes: Array<keyof typeof NEEDED>): string {
  const names = [...new Set(purposes.flatMap((p) => NEEDED[p]))];
  const items = toolchainStatus(names);
  // kwok's stages are installed with it by `build`.
  const kwok = items.find((i) => i.name === "kwok");
  if (kwok?.ok && !fs.existsSync(path.join(TC, "share", "kwok", "pod-ready.yaml"))) kwok.ok = false;
  return missingReason(items);
}

/** Offline (no plugin downloads), no update check, local file backend, passphrase secrets. */
export function pulumiEnv(stateDir: string, kubeconfig?: string): NodeJS.ProcessEnv {
  return {
    HOME: process.env.HOME,
    PATH: `${path.join(TC, "bin")}:${process.env.PATH}`,
    PULUMI_HOME: path.join(TC, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: "dittofs-e2e",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
    ...(process.env.npm_config_cache ? { npm_config_cache: process.env.npm_config_cache } : {}),
  };
}
