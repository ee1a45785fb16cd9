/**
 * The v0.29 server container's env, in the operator's order, then the Percona connection this package wires
 * (differences: percona-database). Values never appear here, only `secretKeyRef`s (Percona's sslmode is not secret).
 */
import type * as k8s from "@pulumi/kubernetes";
import { PERCONA } from "../../defaults";
import type { V029Plan } from "./plan";

type EnvVar = k8s.types.input.core.v1.EnvVar;

function fromSecret(name: string, secret: string, key: string, optional?: boolean): EnvVar {
  return {
    name,
    valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
  };
}

const POSTGRES = "DITTOFS_DATABASE_POSTGRES_";

export function buildServerEnv(plan: V029Plan): EnvVar[] {
  const { refs } = plan;
  const env: EnvVar[] = [
    fromSecret("DITTOFS_CONTROLPLANE_SECRET", refs.jwt.secret, refs.jwt.key),
    // Optional for the generated Secret, as the operator writes it (the component always creates that Secret).
    fromSecret(
      "DITTOFS_ADMIN_INITIAL_PASSWORD",
      refs.admin.secret,
      refs.admin.key,
      refs.admin.owned,
    ),
  ];
  if (refs.ldapBindPassword) {
    const { secret, key } = refs.ldapBindPassword;
    env.push(fromSecret("DITTOFS_LDAP_BIND_PASSWORD", secret, key));
  }
  if (refs.kerberosMachineSecret) {
    const { secret, key } = refs.kerberosMachineSecret;
    env.push(fromSecret("DITTOFS_KERBEROS_MACHINE_ACCOUNT_SECRET", secret, key));
  }
  if (refs.postgres) {
    const { secret } = refs.postgres;
    for (const key of ["host", "database", "user", "password"])
      env.push(fromSecret(`${POSTGRES}${key.toUpperCase()}`, secret, key));
    env.push(fromSecret(`${POSTGRES}PORT`, secret, "port", true));
    env.push(fromSecret(`${POSTGRES}SSLMODE`, secret, "sslmode", true));
  }
  if (refs.percona) {
    const { secret } = refs.percona;
    env.push(fromSecret("DATABASE_URL", secret, "uri"));
    // Percona's user Secret names the database `dbname` and has no sslmode; its clusters require TLS.
    for (const [name, key] of [
      ["HOST", "host"],
      ["PORT", "port"],
      ["DATABASE", "dbname"],
      ["USER", "user"],
      ["PASSWORD", "password"],
    ])
      env.push(fromSecret(`${POSTGRES}${name}`, secret, key));
    env.push({ name: `${POSTGRES}SSLMODE`, value: PERCONA.sslmode });
  }
  return env;
}
