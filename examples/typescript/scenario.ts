/**
 * The example scenario shared by every example and the root demo: S3 payloads with credentials passed as secret
 * values, NFS + SMB, metrics, and a JWT secret and admin password the component generates.
 */
import * as pulumi from "@pulumi/pulumi";

// Typed where it is used (new DittoServer checks it against DittoServerArgs), so this file needs no package import.
export function exampleArgs(config: pulumi.Config) {
  return {
    namespace: config.get("namespace") ?? "default",
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    smb: { enabled: true },
    metrics: { enabled: true },
    s3: { region: "eu-west-1", bucket: "dittofs-demo" },
    secretValues: {
      s3: {
        accessKeyId: config.getSecret("s3AccessKeyId") ?? pulumi.secret("example-access-key-id"),
        secretAccessKey:
          config.getSecret("s3SecretAccessKey") ?? pulumi.secret("example-secret-access-key"),
        endpoint: config.get("s3Endpoint") ?? "https://s3.example.com",
      },
    },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  };
}
