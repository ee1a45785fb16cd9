/**
 * The example scenario (examples/typescript/scenario.ts) with its placeholder secret value as plain JSON, the way a
 * YAML user writes it and `renderServer` takes it.
 */
import { EXAMPLE_POSTGRES_CONNECTION } from "../../examples/typescript/scenario";

export { EXAMPLE_POSTGRES_CONNECTION };

export function examplePlainArgs(namespace = "default"): Record<string, any> {
  return {
    namespace,
    storage: { metadataSize: "10Gi", contentSize: "50Gi" },
    metrics: { enabled: true },
    database: { type: "postgres" },
    secretValues: { postgresConnection: EXAMPLE_POSTGRES_CONNECTION },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  };
}
