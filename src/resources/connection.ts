/**
 * How the provider reaches a DittoFS server: its configuration (`dittofs:endpoint`, ... in the stack's config, or the
 * inputs of an explicit `dittofs.Provider`), checked like any resource's inputs, with environment variables as the
 * fallback for what is not set.
 */
import type { PropertySchema } from "./kind";

export interface Connection {
  endpoint: string;
  username: string;
  password: string;
  caCertificate?: string;
  insecureSkipVerify: boolean;
  timeoutSeconds: number;
}

/** The provider's configuration properties: the one source of CheckConfig, schema.json and the Provider class. */
export const CONNECTION_INPUTS: Record<string, PropertySchema> = {
  endpoint: {
    type: "string",
    pattern: "^https?://[^\\s/?#]+(/[^\\s?#]*)?$",
    description:
      "The URL of the server's REST API, e.g. a DittoServer's `apiUrl` output (in-cluster), or `http://localhost:8080` through `kubectl port-forward svc/<name>-api 8080`. Falls back to the `DITTOFS_ENDPOINT` environment variable.",
  },
  username: {
    type: "string",
    minLength: 1,
    description:
      "The user the provider logs in as: it needs the `admin` role (the `operator` role is refused stores, shares and adapter settings). Falls back to `DITTOFS_USERNAME`. Defaults to `admin`.",
  },
  password: {
    type: "string",
    secret: true,
    description:
      "That user's password, e.g. a DittoServer's `adminPassword` output. Falls back to `DITTOFS_PASSWORD`.",
  },
  caCertificate: {
    type: "string",
    pattern: "-----BEGIN CERTIFICATE-----",
    description:
      "PEM certificates that an `https` endpoint's certificate must chain to. Defaults to the system's trusted roots.",
  },
  insecureSkipVerify: {
    type: "boolean",
    description:
      "Accept any certificate from an `https` endpoint (testing only: anyone between can read the password). Defaults to `false`.",
  },
  timeoutSeconds: {
    type: "integer",
    minimum: 1,
    maximum: 3600,
    description: "How long one request may take before it fails. Defaults to `30`.",
  },
};

/** Environment variables read for properties left unset (as the SDKs' `defaultInfo` say). */
export const CONNECTION_ENVIRONMENT: Record<string, string> = {
  endpoint: "DITTOFS_ENDPOINT",
  username: "DITTOFS_USERNAME",
  password: "DITTOFS_PASSWORD",
};

/** Keys the engine itself puts in every provider's configuration. */
export const ENGINE_CONFIG_KEYS = new Set(["version", "pluginDownloadURL"]);

/**
 * The connection a checked configuration describes, or why there is none (a message that says how to give one).
 * Never called with unknown values: the provider cannot connect before they are known.
 */
export function connectionOf(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Connection | string {
  const pick = (key: string): string | undefined =>
    (config[key] as string | undefined) ??
    (CONNECTION_ENVIRONMENT[key] ? env[CONNECTION_ENVIRONMENT[key]] || undefined : undefined);
  const endpoint = pick("endpoint");
  const password = pick("password");
  const how = (key: string): string =>
    `set it with \`pulumi config set dittofs:${key}${key === "password" ? " --secret" : ""} <value>\`, in an explicit dittofs.Provider's \`${key}\`, or in ${CONNECTION_ENVIRONMENT[key]}`;
  if (!endpoint) return `the dittofs provider has no endpoint: ${how("endpoint")}`;
  if (!password) return `the dittofs provider has no password: ${how("password")}`;
  return {
    endpoint,
    username: pick("username") ?? "admin",
    password,
    caCertificate: config.caCertificate as string | undefined,
    insecureSkipVerify: config.insecureSkipVerify === true,
    timeoutSeconds: (config.timeoutSeconds as number | undefined) ?? 30,
  };
}
