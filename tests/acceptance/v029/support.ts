/**
 * Shared inputs and expectations of the v0.29 acceptance facts (operator-v029-delta.md §7). Expected values are
 * written out here from the spec text, never read from src/.
 */
import { createHash } from "crypto";
import { encodeSecrets } from "../../helpers/base64";
import { GENERATED, type PlainSecrets } from "../../helpers/render";
import { V029 } from "../../helpers/specs";
import { planServer } from "../../../src/pipeline";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import type { SecretValues } from "../../../src/secrets/types";

/** "default spec" = `storage.metadataSize: 10Gi` only. */
export const DEFAULT_SPEC: PlainArgs = { storage: { metadataSize: "10Gi" } };

/** The pod selector of a server named `name`. */
export const selector = (name: string) => ({ app: "dittofs-server", instance: name });

/** The Secret contents the facts' references need (values long enough for the server's checks). */
export const JWT_VALUE = "your-jwt-secret-at-least-32-characters-long";
export const ADMIN_VALUE = "change-me-to-a-strong-admin-password";
export const TLS = { "tls.crt": "CERT", "tls.key": "KEY" };
export const CA = { "ca.crt": "CA" };
export const PG = {
  host: "pg.storage.svc",
  port: "5432",
  database: "dittofs",
  user: "dittofs",
  password: "pw",
  sslmode: "require",
  "connection-string": "postgres://dittofs:pw@pg.storage.svc:5432/dittofs",
};

/** A complete Kerberos block (V3-V6 satisfied). */
export const KERBEROS = {
  enabled: true,
  servicePrincipal: "nfs/h@R",
  keytabSecretRef: { name: "kt", key: "krb5.keytab" },
};
export const KEYTAB = { kt: { "krb5.keytab": "KEYTAB-BYTES" } };

/** §3.1: the default config, exactly 326 bytes, SHA-256 15724ae2…. */
export const DEFAULT_CONFIG = [
  "logging:",
  "    level: INFO",
  "    format: json",
  "    output: stdout",
  "shutdown_timeout: 30s",
  "database:",
  "    type: sqlite",
  "    sqlite:",
  "        path: /data/controlplane/controlplane.db",
  "controlplane:",
  "    host: 0.0.0.0",
  "    port: 8080",
  "    jwt:",
  "        access_token_duration: 15m",
  "        refresh_token_duration: 168h",
  "admin:",
  "    username: admin",
  "",
].join("\n");
export const DEFAULT_CONFIG_SHA256 =
  "15724ae2927a1ebc908515e34d22e1282cbd6f4d108bd6e2a54f8cf231115c9f";

/** §3.3: the worked example's spec (every optional block on). */
export const WORKED_SPEC: PlainArgs = {
  storage: { metadataSize: "10Gi" },
  controlPlane: { port: 8081, certSecretName: "demo-tls", clientCASecretName: "demo-client-ca" },
  identity: {
    jwt: { secretRef: { name: "demo-jwt", key: "secret" }, accessTokenDuration: "30m" },
    admin: { username: "root", passwordSecretRef: { name: "demo-admin", key: "password" } },
    ldap: {
      enabled: true,
      url: "ldaps://dc.example.com:636",
      baseDN: "DC=example,DC=com",
      bindDN: "CN=svc,DC=example,DC=com",
      bindPasswordSecretRef: { name: "demo-ldap", key: "password" },
      idmap: "rid",
      nestedGroups: true,
      caCertFile: "/etc/ldap/ca.crt",
    },
    kerberos: {
      enabled: true,
      servicePrincipal: "nfs/demo.example.com@EXAMPLE.COM",
      realm: "EXAMPLE.COM",
      netbiosDomain: "EXAMPLE",
      keytabSecretRef: { name: "demo-keytab", key: "krb5.keytab" },
      krb5ConfSecretRef: { name: "demo-krb5", key: "krb5.conf" },
      machineAccount: {
        enabled: true,
        accountName: "DITTOFS$",
        secretRef: { name: "demo-machine", key: "password" },
        keytabSecretRef: { name: "demo-mkeytab", key: "machine.keytab" },
        dcAddress: ["dc1.example.com", "dc2.example.com:445"],
      },
    },
  },
  database: { type: "postgres", postgresSecretRef: { name: "demo-pg", key: "host" } },
  metrics: {
    enabled: true,
    port: 9100,
    bearerTokenSecret: { name: "demo-metrics", key: "token" },
  },
  logging: { level: "DEBUG", format: "text" },
};

/** §4's D5 values for the worked example's Secrets (plus the Secrets the pod mounts but nothing hashes). */
export const WORKED_SECRETS: PlainSecrets = {
  "demo-tls": TLS,
  "demo-client-ca": CA,
  "demo-jwt": { secret: "demo-jwt-signing-key-with-at-least-32-chars" },
  "demo-admin": { password: "demo-admin-password" },
  "demo-ldap": { password: "ldap-bind-pw" },
  "demo-keytab": { "krb5.keytab": "KEYTAB" },
  "demo-krb5": { "krb5.conf": "[libdefaults]\n" },
  "demo-machine": { password: "machine-pw" },
  "demo-mkeytab": { "machine.keytab": "MKEYTAB" },
  "demo-pg": { host: "pg.storage.svc", database: "dittofs", user: "dittofs", password: "pw" },
  "demo-metrics": { token: "metrics-token-value" },
};

/** §3.3: the worked example's config as the operator writes it (1283 bytes). */
export const WORKED_CONFIG = [
  "logging:",
  "    level: DEBUG",
  "    format: text",
  "    output: stdout",
  "shutdown_timeout: 30s",
  "database:",
  "    type: postgres",
  "    postgres:",
  "        host: placeholder",
  "        database: placeholder",
  "        user: placeholder",
  "        password: placeholder",
  "controlplane:",
  "    host: 0.0.0.0",
  "    port: 8081",
  "    jwt:",
  "        access_token_duration: 30m",
  "        refresh_token_duration: 168h",
  "    tls:",
  "        cert_file: /tls/tls.crt",
  "        key_file: /tls/tls.key",
  "        client_ca: /tls-client-ca/ca.crt",
  "admin:",
  "    username: root",
  "metrics:",
  "    enabled: true",
  "    host: 0.0.0.0",
  "    port: 9100",
  "    path: /metrics",
  "    auth: token",
  "    token_file: /metrics-token/token",
  "ldap:",
  "    enabled: true",
  "    url: ldaps://dc.example.com:636",
  "    base_dn: DC=example,DC=com",
  "    bind_dn: CN=svc,DC=example,DC=com",
  "    idmap: rid",
  "    nested_groups: true",
  "    tls:",
  "        ca_cert_file: /etc/ldap/ca.crt",
  "kerberos:",
  "    enabled: true",
  "    keytab_path: /kerberos/dittofs.keytab",
  "    service_principal: nfs/demo.example.com@EXAMPLE.COM",
  "    realm: EXAMPLE.COM",
  "    netbios_domain: EXAMPLE",
  "    krb5_conf: /kerberos-krb5/krb5.conf",
  "    machine_account:",
  "        enabled: true",
  "        account_name: DITTOFS$",
  "        keytab_path: /kerberos-machine/machine.keytab",
  "        dc_address:",
  "            - dc1.example.com",
  "            - dc2.example.com:445",
  "",
].join("\n");

/**
 * The operator's digest (SHA-256 over the config, each entry `<len>:<key>:<len>:<bytes>` in key byte order, then
 * `gen:<generation>`), written out independently of src/hash.ts: the package's keyed digest differs on purpose
 * (differences: config-hash), so the facts check the package's config and hash entries against the operator's
 * worked digests through this function.
 */
export function operatorDigest(
  config: string,
  entries: Map<string, Buffer>,
  generation = 1,
): string {
  const h = createHash("sha256").update(config, "utf8");
  const keys = [...entries.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const k of keys) {
    const v = entries.get(k)!;
    h.update(`${Buffer.byteLength(k)}:${k}:${v.length}:`).update(v);
  }
  return h.update(`gen:${generation}`).digest("hex");
}

/**
 * The config and the hash entries the v0.29 model derives for a spec (the pipeline's plan and the model's seal):
 * what the package's digest is computed over.
 */
export function hashInputs(
  name: string,
  args: PlainArgs,
  secrets: PlainSecrets = {},
  generated: Partial<SecretValues> = GENERATED,
): { config: string; entries: Map<string, Buffer> } {
  const { model, plan } = planServer(name, { ...args, operatorRelease: V029 });
  const read = encodeSecrets(secrets);
  return { config: plan.config, entries: model.seal(plan, { read, ...generated }).hashEntries };
}

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
