/**
 * Where each secret the v0.29 pod reads comes from. The admin `passwordSecretRef` is the initial password (v0.29
 * gave it that meaning); the PostgreSQL Secret has fixed keys; Kerberos, LDAP, metrics-token and TLS Secrets are
 * referenced by name. Pure: from the resolved spec and which values were passed.
 */
import { objectNames } from "../../naming";
import { secretReads } from "../../secrets/reads";
import type { GeneratedValue, KeyRef, OwnedSecret, SecretPlan } from "../../secrets/types";
import type { Spec as V029Spec } from "../../generated/v029/spec";
import type { ResolvedServer } from "../object-model";
import { GENERATED, POSTGRES_SECRET_KEYS } from "./constants";

type Selector = { name: string; key: string } | undefined;

export interface V029Refs {
  jwt: KeyRef & { owned: boolean; generated: boolean };
  /** The initial admin password. */
  admin: KeyRef & { owned: boolean; generated: boolean };
  /**
   * The PostgreSQL Secret with fixed keys, unless Percona's database is used: the user's, or one the component owns
   * holding a connection string passed in `secretValues.postgresConnection`, split.
   */
  postgres?: { secret: string; owned: boolean };
  /** Created by the Percona operator: referenced in env, never read, not hashed. */
  percona?: { secret: string };
  ldapBindPassword?: KeyRef;
  kerberosKeytab?: KeyRef;
  kerberosKrb5?: KeyRef;
  kerberosMachineSecret?: KeyRef;
  kerberosMachineKeytab?: KeyRef;
  /** Mounted only while metrics are enabled. */
  metricsToken?: KeyRef;
  tlsCert?: { secret: string };
  tlsClientCa?: { secret: string };
}

/** A selector naming a Secret, as a key ref; one with an empty name counts as not referenced. */
const named = (ref: Selector): KeyRef | undefined =>
  ref && ref.name !== "" ? { secret: ref.name, key: ref.key } : undefined;

export function secretRefs(server: ResolvedServer<V029Spec>): V029Refs {
  const { spec, values } = server;
  const names = objectNames(server.name);
  const user = (ref: KeyRef) => ({ ...ref, owned: false, generated: false });
  const owned = (secret: string, key: string, passed: boolean) => ({
    secret,
    key,
    owned: true,
    generated: !passed,
  });
  const jwtRef = named(spec.identity.jwt.secretRef);
  const adminRef = spec.identity.admin.passwordSecretRef;
  const kerberos = spec.identity.kerberos?.enabled ? spec.identity.kerberos : undefined;
  const machine = kerberos?.machineAccount?.enabled ? kerberos.machineAccount : undefined;
  const { controlPlane, metrics } = spec;
  return {
    jwt: jwtRef ? user(jwtRef) : owned(names.jwtSecret, GENERATED.jwt.key, values.jwtSecret),
    admin: adminRef
      ? user({ secret: adminRef.name, key: adminRef.key })
      : owned(names.adminSecret, GENERATED.adminPassword.key, values.adminInitialPassword),
    postgres: spec.percona.enabled
      ? undefined
      : spec.database.postgresSecretRef
        ? { secret: spec.database.postgresSecretRef.name, owned: false }
        : values.postgresConnection
          ? { secret: names.postgresSecret, owned: true }
          : undefined,
    percona: spec.percona.enabled ? { secret: names.perconaUserSecret } : undefined,
    ldapBindPassword: spec.identity.ldap
      ? named(spec.identity.ldap.bindPasswordSecretRef)
      : undefined,
    kerberosKeytab: named(kerberos?.keytabSecretRef),
    kerberosKrb5: named(kerberos?.krb5ConfSecretRef),
    kerberosMachineSecret: named(machine?.secretRef),
    kerberosMachineKeytab: named(machine?.keytabSecretRef),
    metricsToken: metrics.enabled ? named(metrics.bearerTokenSecret) : undefined,
    tlsCert: controlPlane.certSecretName ? { secret: controlPlane.certSecretName } : undefined,
    tlsClientCa:
      controlPlane.certSecretName && controlPlane.clientCASecretName
        ? { secret: controlPlane.clientCASecretName }
        : undefined,
  };
}

/** What the deployment reads, generates and owns, from the refs. */
export function secretPlan(refs: V029Refs): SecretPlan {
  const keys = (secret: string, list: readonly string[]) => list.map((key) => ({ secret, key }));
  const reads = secretReads([
    refs.jwt.owned ? undefined : refs.jwt,
    refs.admin.owned ? undefined : refs.admin,
    ...(refs.postgres && !refs.postgres.owned
      ? keys(refs.postgres.secret, POSTGRES_SECRET_KEYS.required)
      : []),
    refs.ldapBindPassword,
    refs.kerberosKeytab,
    refs.kerberosKrb5,
    refs.kerberosMachineSecret,
    refs.kerberosMachineKeytab,
    refs.metricsToken,
    ...(refs.tlsCert ? keys(refs.tlsCert.secret, ["tls.crt", "tls.key"]) : []),
    ...(refs.tlsClientCa ? keys(refs.tlsClientCa.secret, ["ca.crt"]) : []),
  ]);

  const generate: GeneratedValue[] = [];
  if (refs.jwt.generated) {
    const { length, special, overrideSpecial } = GENERATED.jwt;
    generate.push({
      value: "jwtSecret",
      logicalName: "jwt",
      stored: refs.jwt,
      password: { length, special, overrideSpecial },
    });
  }
  if (refs.admin.generated) {
    const { length, special, overrideSpecial } = GENERATED.adminPassword;
    generate.push({
      value: "adminInitialPassword",
      logicalName: "admin-password",
      stored: refs.admin,
      password: { length, special, overrideSpecial },
    });
  }

  const owned: OwnedSecret[] = [];
  if (refs.jwt.owned) owned.push({ role: "jwt", name: refs.jwt.secret, from: ["jwtSecret"] });
  if (refs.admin.owned)
    owned.push({ role: "admin", name: refs.admin.secret, from: ["adminInitialPassword"] });
  if (refs.postgres?.owned)
    owned.push({ role: "postgres", name: refs.postgres.secret, from: ["postgresConnection"] });
  return { reads, generate, owned };
}
