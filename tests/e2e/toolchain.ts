/** Where the real-engine toolchain lives, what is missing, and the environment that keeps Pulumi offline. */
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

const NEEDED = {
  engine: [
    "bin/pulumi",
    "bin/pulumi-language-nodejs",
    "providers/pulumi-resource-kubernetes",
    "providers/pulumi-resource-random",
  ],
  cluster: [
    "bin/etcd",
    "bin/kube-apiserver",
    "bin/kube-controller-manager",
    "bin/kube-scheduler",
    "bin/kubectl",
    "bin/kwok",
    "share/kwok/pod-ready.yaml",
  ],
  yaml: ["bin/pulumi-language-yaml"],
};

/** Missing toolchain files for a purpose, as a reason to skip (empty when everything is there). */
export function missing(...purposes: Array<keyof typeof NEEDED>): string {
  const absent = purposes.flatMap((p) => NEEDED[p]).filter((f) => !fs.existsSync(path.join(TC, f)));
  return absent.length === 0
    ? ""
    : `toolchain not built: ${absent.join(", ")} missing under ${TC} (build it with scripts/toolchain.sh; see README "End-to-end tests")`;
}

/** Offline, no telemetry, local file backend, passphrase secrets (e2e-toolchain.md §I). */
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
