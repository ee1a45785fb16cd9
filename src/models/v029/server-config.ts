/**
 * The v0.29 server's `config.yaml`, generated from the resolved spec only: never from secrets or the DittoServer's
 * name. The operator's key order and 4-space indentation; optional blocks only when active.
 */
import { LISTEN_HOST } from "../../defaults";
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { configYaml } from "../../yaml/manifest-yaml";
import type { ResolvedServer } from "../object-model";
import { MOUNTED_FILES, SERVER_CONFIG as C } from "./constants";

type Server = ResolvedServer<V029Spec>;
type Config = Record<string, unknown>;

/** Leaves out undefined values and `false` flags the operator omits (`omitempty`). */
function compact(o: Config, omitFalse: string[] = []): Config {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([k, v]) => v !== undefined && !(v === false && omitFalse.includes(k)),
    ),
  );
}

/** PostgreSQL when a connection is given or Percona's database is used (differences: percona-database). */
export function usesPostgres(server: Server): boolean {
  const { spec, values } = server;
  return (
    spec.database.postgresSecretRef !== undefined ||
    values.postgresConnection ||
    spec.percona.enabled
  );
}

function database(server: Server): Config {
  const { spec } = server;
  if (usesPostgres(server)) return { type: "postgres", postgres: { ...C.postgresPlaceholders } };
  // A custom path only counts when the type is sqlite; `type: postgres` without a connection falls back.
  const path = spec.database.type === "sqlite" ? spec.database.sqlite.path : C.defaultSqlitePath;
  return { type: "sqlite", sqlite: { path } };
}

function controlplane(spec: V029Spec): Config {
  const { controlPlane, identity } = spec;
  const tls = controlPlane.certSecretName
    ? compact({
        cert_file: MOUNTED_FILES.tlsCert,
        key_file: MOUNTED_FILES.tlsKey,
        client_ca: controlPlane.clientCASecretName ? MOUNTED_FILES.clientCa : undefined,
      })
    : undefined;
  return compact({
    host: LISTEN_HOST,
    port: controlPlane.port,
    jwt: {
      access_token_duration: identity.jwt.accessTokenDuration,
      refresh_token_duration: identity.jwt.refreshTokenDuration,
    },
    tls,
  });
}

function metrics(spec: V029Spec): Config | undefined {
  const { metrics } = spec;
  if (!metrics.enabled) return undefined;
  const token = metrics.bearerTokenSecret !== undefined;
  return compact({
    enabled: true,
    host: LISTEN_HOST,
    port: metrics.port,
    path: metrics.path,
    auth: token ? "token" : "none",
    token_file: token ? MOUNTED_FILES.metricsToken : undefined,
  });
}

function ldap(spec: V029Spec): Config | undefined {
  const ldap = spec.identity.ldap;
  if (!ldap) return undefined;
  const tls =
    ldap.caCertFile || ldap.insecureSkipVerify
      ? compact(
          {
            ca_cert_file: ldap.caCertFile || undefined,
            insecure_skip_verify: ldap.insecureSkipVerify,
          },
          ["insecure_skip_verify"],
        )
      : undefined;
  return compact(
    {
      enabled: ldap.enabled,
      url: ldap.url,
      start_tls: ldap.startTLS,
      allow_plaintext: ldap.allowPlaintext,
      base_dn: ldap.baseDN,
      bind_dn: ldap.bindDN,
      user_attr: ldap.userAttr || undefined,
      realm: ldap.realm || undefined,
      idmap: ldap.idmap || undefined,
      nested_groups: ldap.nestedGroups,
      tls,
    },
    ["start_tls", "allow_plaintext", "nested_groups"],
  );
}

function kerberos(spec: V029Spec): Config | undefined {
  const k = spec.identity.kerberos;
  if (!k?.enabled) return undefined;
  const hasName = (ref?: { name: string }) => ref !== undefined && ref.name !== "";
  const machine = k.machineAccount?.enabled
    ? compact({
        enabled: true,
        account_name: k.machineAccount.accountName || undefined,
        keytab_path: hasName(k.machineAccount.keytabSecretRef)
          ? MOUNTED_FILES.machineKeytab
          : undefined,
        dc_address: k.machineAccount.dcAddress?.length ? k.machineAccount.dcAddress : undefined,
      })
    : undefined;
  return compact({
    enabled: true,
    keytab_path: hasName(k.keytabSecretRef) ? MOUNTED_FILES.keytab : undefined,
    service_principal: k.servicePrincipal || undefined,
    realm: k.realm || undefined,
    netbios_domain: k.netbiosDomain || undefined,
    dns_domain: k.dnsDomain || undefined,
    krb5_conf: hasName(k.krb5ConfSecretRef) ? MOUNTED_FILES.krb5Conf : k.krb5Conf || undefined,
    machine_account: machine,
  });
}

/** The config as an ordered plain object (key order = file order). */
export function serverConfig(server: Server): Config {
  const { spec } = server;
  return compact({
    logging: {
      level: spec.logging.level,
      format: spec.logging.format,
      output: spec.logging.output,
    },
    shutdown_timeout: C.shutdownTimeout,
    database: database(server),
    controlplane: controlplane(spec),
    admin: { username: spec.identity.admin.username },
    metrics: metrics(spec),
    ldap: ldap(spec),
    kerberos: kerberos(spec),
  });
}

export function configText(server: Server): string {
  return configYaml(serverConfig(server));
}
