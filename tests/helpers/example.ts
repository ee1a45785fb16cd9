/**
 * The example scenario (examples/typescript/scenario.ts) with its placeholder secret values as plain JSON, the way a
 * YAML user writes it and `renderServer` takes it.
 */
export function examplePlainArgs(namespace = "default"): Record<string, any> {
  return {
    namespace,
    storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
    smb: { enabled: true },
    metrics: { enabled: true },
    s3: { region: "eu-west-1", bucket: "dittofs-demo" },
    secretValues: {
      s3: {
        accessKeyId: "example-access-key-id",
        secretAccessKey: "example-secret-access-key",
        endpoint: "https://s3.example.com",
      },
    },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  };
}
