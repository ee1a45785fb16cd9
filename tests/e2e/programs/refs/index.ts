// e2e fixture (not an example): the built package from this repository, referenced Secrets, knobs in config.
import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "../../../../lib";

const config = new pulumi.Config();
const percona = config.getBoolean("percona") ?? false;
const server = new DittoServer("refs", {
  namespace: "e2e",
  storage: { metadataSize: "1Gi", contentSize: "1Gi" },
  identity: { jwt: { secretRef: { name: "e2e-jwt", key: "secret" } } },
  // PostgreSQL through the user's fixed-key Secret; with Percona, Percona's database instead.
  ...(percona
    ? {}
    : {
        database: {
          type: "postgres",
          postgresSecretRef: { name: "e2e-postgres", key: "password" },
        },
      }),
  logging: { level: config.get("logLevel") ?? "INFO" },
  percona: {
    enabled: percona,
    deleteWithServer: config.getBoolean("deleteWithServer") ?? false,
  },
});

export const configHash = server.configHash;
export const nfsEndpoint = server.nfsEndpoint;
export const perconaClusterName = server.perconaClusterName;
