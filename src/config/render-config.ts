/**
 * The server's `config.yaml` (operator-behavior.md §3), generated from the resolved spec only: never from secrets or
 * the DittoServer's name. Fixed key order, 4-space indentation as the operator's yaml.v3 writes it; deterministic.
 */
import { stringify } from "yaml";
import { SERVER_CONFIG_CONSTANTS as C } from "../defaults";
import type { ResolvedSpec } from "../spec/types";

/** True when the server's control-plane database is PostgreSQL (§3.2 plus §10.2.4/§10.2.5). */
export function usesPostgres(spec: ResolvedSpec, hasPostgresValue = false): boolean {
  return spec.database.postgresSecretRef !== undefined || hasPostgresValue || spec.percona.enabled;
}

/** The config as an ordered plain object (key order = file order). */
export function serverConfig(
  spec: ResolvedSpec,
  hasPostgresValue = false,
): Record<string, unknown> {
  const database = usesPostgres(spec, hasPostgresValue)
    ? { type: "postgres", postgres: { ...C.postgresPlaceholders } }
    : {
        type: "sqlite",
        // §3.2: a custom path only counts when the type is sqlite; `type: postgres` without a connection falls back.
        sqlite: {
          path: spec.database.type === "sqlite" ? spec.database.sqlite.path : C.defaultSqlitePath,
        },
      };
  return {
    logging: { ...C.logging },
    shutdown_timeout: C.shutdownTimeout,
    database,
    metrics: spec.metrics.enabled
      ? { enabled: true, host: C.listenHost, port: spec.metrics.port }
      : { enabled: false, port: spec.metrics.port },
    controlplane: {
      host: C.listenHost,
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

export function renderConfig(spec: ResolvedSpec, hasPostgresValue = false): string {
  return stringify(serverConfig(spec, hasPostgresValue), {
    indent: 4,
    lineWidth: 0,
    sortMapEntries: false,
  });
}
