/**
 * The server container's env: the operator's order, each variable the server really reads right after the operator's
 * variable of its group. Values never appear here, only `secretKeyRef`s (AWS_REGION and Percona's sslmode are not
 * secret).
 */
import type * as k8s from "@pulumi/kubernetes";
import { PERCONA } from "../../defaults";
import type { FebPlan } from "./plan";

type EnvVar = k8s.types.input.core.v1.EnvVar;

function fromSecret(name: string, secret: string, key: string, optional?: boolean): EnvVar {
  return {
    name,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
  };
}

const POSTGRES_ENV: Array<[string, string]> = [
  ["DITTOFS_DATABASE_POSTGRES_HOST", "host"],
  ["DITTOFS_DATABASE_POSTGRES_PORT", "port"],
  ["DITTOFS_DATABASE_POSTGRES_DATABASE", "database"],
  ["DITTOFS_DATABASE_POSTGRES_USER", "user"],
  ["DITTOFS_DATABASE_POSTGRES_PASSWORD", "password"],
  ["DITTOFS_DATABASE_POSTGRES_SSLMODE", "sslmode"],
];

/** Percona's user Secret names the database `dbname` and has no sslmode. */
const PERCONA_KEYS: Record<string, string> = { database: "dbname" };

export function buildServerEnv(plan: FebPlan): EnvVar[] {
  const { refs } = plan;
  const env: EnvVar[] = [fromSecret("DITTOFS_CONTROLPLANE_SECRET", refs.jwt.secret, refs.jwt.key)];

  if (refs.adminHash)
    env.push(fromSecret("DITTOFS_ADMIN_PASSWORD_HASH", refs.adminHash.secret, refs.adminHash.key));
  env.push(
    fromSecret("DITTOFS_ADMIN_INITIAL_PASSWORD", refs.adminInitial.secret, refs.adminInitial.key),
  );

  if (refs.postgresSource) {
    env.push(
      fromSecret("DITTOFS_DATABASE_POSTGRES", refs.postgresSource.secret, refs.postgresSource.key),
    );
  }
  if (refs.postgresParts) {
    for (const [name, key] of POSTGRES_ENV)
      env.push(fromSecret(name, refs.postgresParts.secret, key));
  }

  if (refs.s3) {
    env.push(fromSecret("AWS_ACCESS_KEY_ID", refs.s3.secret, refs.s3.accessKeyId));
    env.push(fromSecret("AWS_SECRET_ACCESS_KEY", refs.s3.secret, refs.s3.secretAccessKey));
    env.push(fromSecret("AWS_ENDPOINT_URL", refs.s3.secret, refs.s3.endpoint, true));
    const region = plan.spec.s3?.region;
    if (region) env.push({ name: "AWS_REGION", value: region });
  }

  if (refs.percona) {
    env.push(fromSecret("DATABASE_URL", refs.percona.secret, "uri"));
    // The user's own connection wins over Percona's (README, differences: percona-with-postgres-ref).
    if (!refs.postgresParts) {
      for (const [name, key] of POSTGRES_ENV) {
        env.push(
          key === "sslmode"
            ? { name, value: PERCONA.sslmode }
            : fromSecret(name, refs.percona.secret, PERCONA_KEYS[key] ?? key),
        );
      }
    }
  }
  return env;
}
