/**
 * Shared inputs and expectations of the acceptance facts (operator-behavior.md §8). Expected values are written out
 * here from the spec text, never read from src/.
 */
import { deploy, type Deployed } from "../helpers/component";
import { decodeData } from "../helpers/base64";
import type { Obj } from "../helpers/objects";
import { render } from "../helpers/render";
import type { PlainArgs } from "../../src/resolve/component-fields";
import type { RenderResult } from "../../src/render";
import type { DittoServerArgs } from "../../src/args";

/** The operator's 418-byte default config (§3.1), written out line by line. */
export const FEB_DEFAULT_CONFIG = [
  "logging:",
  "    level: INFO",
  "    format: json",
  "    output: stdout",
  "shutdown_timeout: 30s",
  "database:",
  "    type: sqlite",
  "    sqlite:",
  "        path: /data/controlplane/controlplane.db",
  "metrics:",
  "    enabled: false",
  "    port: 9090",
  "controlplane:",
  "    port: 8080",
  "    jwt:",
  "        issuer: dittofs",
  "        access_token_duration: 15m",
  "        refresh_token_duration: 168h",
  "cache:",
  "    path: /data/cache",
  "    size: 1GB",
  "admin:",
  "    username: admin",
  "",
].join("\n");

/** §10.2.9: the default config plus `controlplane.host: 0.0.0.0` as the first key of `controlplane`. */
export const DEFAULT_CONFIG = FEB_DEFAULT_CONFIG.replace(
  "controlplane:\n",
  "controlplane:\n    host: 0.0.0.0\n",
);

/** A JWT value long enough for the server (≥ 32 characters). */
export const JWT_VALUE = "your-jwt-secret-at-least-32-characters-long";

/** The controller tests' scenarios (§8, facts 19-46), all in namespace `default`, none with `identity`. */
export const HELLO_ARGS = {
  storage: { metadataSize: "10Gi", contentSize: "100Gi", cacheSize: "5Gi" },
  resources: { limits: { cpu: "2", memory: "4Gi" }, requests: { cpu: "500m", memory: "1Gi" } },
};

export const SMB_COMPREHENSIVE = {
  enabled: true,
  port: 9445,
  maxConnections: 100,
  timeouts: { read: "60s", write: "60s", idle: "300s", shutdown: "30s" },
  credits: {
    minGrant: 16,
    maxGrant: 8192,
    initialGrant: 256,
    maxSessionCredits: 65535,
    loadThresholdHigh: 1000,
    loadThresholdLow: 100,
    aggressiveClientThreshold: 256,
  },
};

/** Every controller scenario as the component accepts it (replicas > 1 carried over as 1, facts 31 and 34). */
export const SCENARIOS: Record<string, PlainArgs> = {
  hello: HELLO_ARGS,
  "multi-replica": { storage: { metadataSize: "5Gi", cacheSize: "5Gi" } },
  "stopped-server": { replicas: 0, storage: { metadataSize: "10Gi", cacheSize: "5Gi" } },
  "ready-server": { replicas: 1, storage: { metadataSize: "10Gi", cacheSize: "5Gi" } },
  "smb-enabled-server": {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    smb: { enabled: true },
  },
  "smb-custom-port": {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    smb: { enabled: true, port: 8445 },
  },
  "smb-disabled-server": {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    smb: { enabled: false },
  },
  "smb-comprehensive": {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    smb: SMB_COMPREHENSIVE,
  },
  "db-cache-server": {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    database: { type: "sqlite", sqlite: { path: "/data/controlplane/controlplane.db" } },
    cache: { path: "/data/cache", size: "1GB" },
  },
  "metrics-server": {
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    metrics: { enabled: true, port: 9090 },
    controlPlane: { port: 8080 },
  },
};

export function renderScenario(name: string): RenderResult {
  return render(name, SCENARIOS[name]);
}

const deployments = new Map<string, Promise<Deployed>>();

/** Each scenario is deployed under the mocks once per test run (logical names must stay unique). */
export function deployScenario(name: string): Promise<Deployed> {
  let d = deployments.get(name);
  if (!d) {
    d = deploy(name, SCENARIOS[name] as unknown as DittoServerArgs);
    deployments.set(name, d);
  }
  return d;
}

/** A Secret's `data` as the mocks record it (possibly wrapped as a secret value), decoded from base64. */
export function decodedData(data: Obj): Record<string, string> {
  return decodeData(data && typeof data === "object" && "value" in data ? data.value : data);
}
