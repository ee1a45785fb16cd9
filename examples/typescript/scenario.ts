/**
 * The example scenario shared by every example and the root demo: today's DittoFS (the default object model, the
 * operator of release v0.29) with its NFS and SMB adapters, metadata and content volumes, metrics, PostgreSQL for the
 * control plane (the connection string passed as a secret value), and a JWT secret and admin password the component
 * generates.
 */
import * as pulumi from "@pulumi/pulumi";

/** Stands in for your database so the example runs anywhere; set yours with `pulumi config set --secret`. */
export const EXAMPLE_POSTGRES_CONNECTION =
  "postgres://dittofs:example-postgres-password@postgres:5432/dittofs?sslmode=require";

// Typed where it is used (new DittoServer checks it against DittoServerArgs), so this file needs no package import.
export function exampleArgs(config: pulumi.Config) {
  return {
    namespace: config.get("namespace") ?? "default",
    storage: { metadataSize: "10Gi", contentSize: "50Gi" },
    metrics: { enabled: true },
    database: { type: "postgres" },
    // Split into the Secret demo-postgres-connection; the JWT secret and admin password are generated.
    secretValues: {
      postgresConnection:
        config.getSecret("postgresConnection") ?? pulumi.secret(EXAMPLE_POSTGRES_CONNECTION),
    },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  };
}
