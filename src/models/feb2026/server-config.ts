/**
 * The Feb server's `config.yaml`, generated from the resolved spec only: never from secrets or the DittoServer's name.
 * Fixed key order, 4-space indentation as the operator's yaml.v3 writes it; deterministic.
 */
import { configYaml } from "../../yaml/manifest-yaml";
import { LISTEN_HOST } from "../../defaults";
import type { Spec as FebSpec } from "../../generated/feb2026/spec";
import type { ResolvedServer } from "../object-model";
import { SERVER_CONFIG as C } from "./constants";

/** True when the server's control-plane database is PostgreSQL: a connection given, or Percona's. */
export function usesPostgres(server: ResolvedServer<FebSpec>): boolean {
  const { spec, values } = server;
  return (
    spec.database.postgresSecretRef !== undefined ||
    values.postgresConnection ||
    spec.percona.enabled
  );
}

/** The config as an ordered plain object (key order = file order). */
export function serverConfig(server: ResolvedServer<FebSpec>): Record<string, unknown> {
  const { spec } = server;
  const database = usesPostgres(server)
    ? { type: "postgres", postgres: { ...C.postgresPlaceholders } }
    : {
        type: "sqlite",
        // A custom path only counts when the type is sqlite; `type: postgres` without a connection falls back.
        sqlite: {
          path: spec.database.type === "sqlite" ? spec.database.sqlite.path : C.defaultSqlitePath,
        },
      };
  return {
    logging: { ...C.logging },
    shutdown_timeout: C.shutdownTimeout,
    database,
    metrics: spec.metrics.enabled
      ? { enabled: true, host: LISTEN_HOST, port: spec.metrics.port }
      : { enabled: false, port: spec.metrics.port },
    controlplane: {
      host: LISTEN_HOST,
      port: spec.controlPlane.port,
      jwt: {
        issuer: spec.identity.jwt.issuer,
        access_token_duration: spec.identity.jwt.accessTokenDuration,
        refresh_token_duration: spec.identity.jwt.refreshTokenDuration,
      },
    },
    cache: { path: spec.cache.path, size: spec.cache.size },
    admin: { username: spec.identity.admin.username },
  };
}

export function configText(server: ResolvedServer<FebSpec>): string {
  return configYaml(serverConfig(server));
}
