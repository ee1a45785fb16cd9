/**
 * Specs beyond the samples, for what no v0.29 sample uses (metrics, ServiceMonitor, mTLS, LDAP, Kerberos, fixed-key
 * PostgreSQL, Percona with a Secret, replicas 0, adapter Service options, declared adapters, passed values): the
 * delta doc's acceptance facts and worked example as whole specs, each with the Secrets it references.
 */
import type { DiscoveredAdapter } from "./operator-adapters";
import type { Obj } from "../../helpers/objects";

type Secrets = Record<string, Record<string, string>>;

export interface Variant {
  title: string;
  name: string;
  namespace: string;
  /** The CR's spec (component fields such as `adapters` included: the operator's API server prunes them). */
  spec: Obj;
  secrets: Secrets;
  /** The component's `secretValues` (not part of a CR). */
  secretValues?: Record<string, string>;
  /** What the server's API reports, when not a fresh server's adapters. */
  reported?: DiscoveredAdapter[];
}

const JWT = { "demo-jwt": { secret: "demo-jwt-signing-key-with-at-least-32-chars" } };
const ADMIN = { "demo-admin": { password: "demo-admin-password" } };
const PG = {
  "demo-pg": {
    host: "pg.storage.svc",
    database: "dittofs",
    user: "dittofs",
    password: "pw",
    port: "5432",
    sslmode: "require",
  },
};
const identity = {
  jwt: { secretRef: { name: "demo-jwt", key: "secret" } },
  admin: { passwordSecretRef: { name: "demo-admin", key: "password" } },
};
const storage = { metadataSize: "10Gi" };

const variant = (
  title: string,
  spec: Obj,
  secrets: Secrets = {},
  extra: Partial<Variant> = {},
) => ({
  title,
  name: "demo",
  namespace: "default",
  spec,
  secrets,
  ...extra,
});

export const VARIANTS: Variant[] = [
  variant("the default spec: generated JWT and admin Secrets, no service block", { storage }),
  variant(
    "metrics on a custom port with a bearer token and a ServiceMonitor",
    {
      storage,
      identity,
      metrics: {
        enabled: true,
        port: 9100,
        bearerTokenSecret: { name: "t", key: "k" },
        serviceMonitor: { enabled: true, interval: "30s", labels: { release: "kps", app: "x" } },
      },
    },
    { ...JWT, ...ADMIN, t: { k: "scrape-token" } },
  ),
  variant(
    "metrics on with the defaults",
    { storage, identity, metrics: { enabled: true } },
    { ...JWT, ...ADMIN },
  ),
  variant(
    "metrics off with a bearer token: no volume, no Service",
    { storage, identity, metrics: { enabled: false, bearerTokenSecret: { name: "t", key: "k" } } },
    { ...JWT, ...ADMIN, t: { k: "scrape-token" } },
  ),
  variant(
    "mutual TLS on the API",
    {
      storage,
      identity,
      controlPlane: { port: 8443, tls: true, certSecretName: "tls", clientCASecretName: "ca" },
    },
    { ...JWT, ...ADMIN, tls: { "tls.crt": "CERT", "tls.key": "KEY" }, ca: { "ca.crt": "CA" } },
  ),
  variant(
    "the worked example with every optional block on",
    {
      storage: { ...storage, contentSize: "100Gi" },
      controlPlane: {
        port: 8081,
        certSecretName: "demo-tls",
        clientCASecretName: "demo-client-ca",
      },
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
    },
    {
      ...JWT,
      ...ADMIN,
      ...PG,
      "demo-tls": { "tls.crt": "CERT", "tls.key": "KEY" },
      "demo-client-ca": { "ca.crt": "CA" },
      "demo-ldap": { password: "bind-pw" },
      "demo-keytab": { "krb5.keytab": "KEYTAB" },
      "demo-krb5": { "krb5.conf": "[libdefaults]\n" },
      "demo-machine": { password: "machine-pw" },
      "demo-mkeytab": { "machine.keytab": "MKEYTAB" },
      "demo-metrics": { token: "scrape-token" },
    },
  ),
  variant(
    "LDAP present but disabled, with StartTLS and a bind password; Kerberos disabled",
    {
      storage,
      identity: {
        ...identity,
        ldap: {
          url: "ldap://x:389",
          baseDN: "dc=x",
          bindDN: "cn=y",
          startTLS: true,
          userAttr: "uid",
          bindPasswordSecretRef: { name: "l", key: "p" },
        },
        kerberos: { enabled: false, servicePrincipal: "nfs/h@R" },
      },
    },
    { ...JWT, ...ADMIN, l: { p: "bind-pw" } },
  ),
  variant(
    "Kerberos with a krb5.conf path and a machine account by keytab only",
    {
      storage,
      identity: {
        ...identity,
        kerberos: {
          enabled: true,
          servicePrincipal: "nfs/h@R",
          dnsDomain: "example.com",
          keytabSecretRef: { name: "kt", key: "k" },
          krb5Conf: "/etc/custom-krb5.conf",
          machineAccount: {
            enabled: true,
            accountName: "DITTOFS$",
            keytabSecretRef: { name: "mkt", key: "m" },
          },
        },
      },
    },
    { ...JWT, ...ADMIN, kt: { k: "KEYTAB" }, mkt: { m: "MKEYTAB" } },
  ),
  variant(
    "PostgreSQL through the fixed-key Secret",
    { storage, identity, database: { postgresSecretRef: { name: "demo-pg", key: "host" } } },
    { ...JWT, ...ADMIN, ...PG },
  ),
  variant(
    "Percona with a postgresSecretRef too, backups to S3, its own storage class",
    {
      storage,
      identity,
      database: { type: "postgres", postgresSecretRef: { name: "demo-pg", key: "host" } },
      percona: {
        enabled: true,
        replicas: 2,
        storageClassName: "fast",
        databaseName: "files",
        backup: {
          enabled: true,
          bucket: "backups",
          endpoint: "https://s3.example.com",
          credentialsSecretRef: { name: "pgbackrest-s3" },
        },
      },
    },
    { ...JWT, ...ADMIN, ...PG },
  ),
  variant(
    "replicas 0: nothing to discover",
    { replicas: 0, storage, identity },
    {
      ...JWT,
      ...ADMIN,
    },
  ),
  variant(
    "storage, grace period, logging, pod and container security contexts",
    {
      storage: {
        metadataSize: "10Gi",
        contentSize: "100Gi",
        controlPlaneSize: "2Gi",
        storageClassName: "fast",
      },
      identity,
      image: "marmos91c/dittofs:v0.29.0",
      terminationGracePeriodSeconds: 120,
      logging: { level: "WARN", output: "stderr" },
      securityContext: {
        allowPrivilegeEscalation: true,
        capabilities: { add: ["NET_BIND_SERVICE"] },
      },
      podSecurityContext: { fsGroup: 1000, runAsUser: 1000 },
      resources: { limits: { memory: "1Gi" } },
    },
    { ...JWT, ...ADMIN },
  ),
  variant(
    "adapter Services NodePort with annotations; API Service annotated",
    {
      storage,
      identity,
      adapterServices: { type: "NodePort", annotations: { a: "b" } },
      service: { type: "ClusterIP", annotations: { "example.com/x": "y" } },
    },
    { ...JWT, ...ADMIN },
  ),
  variant(
    "declared adapters that match what the server reports (NFS on 2049, a long custom type)",
    {
      storage,
      identity,
      adapters: [
        { type: "nfs", port: 2049 },
        { type: "custom-adapter-a", port: 9000 },
      ],
    },
    { ...JWT, ...ADMIN },
    {
      reported: [
        { type: "nfs", port: 2049, enabled: true, running: true },
        { type: "custom-adapter-a", port: 9000, enabled: true, running: true },
        { type: "smb", port: 1445, enabled: false, running: false },
      ],
    },
  ),
  variant(
    "a custom SQLite path, LDAP without verification, a custom metrics path, the TLS flag alone, snapshot policies and a polling interval",
    {
      storage,
      identity: {
        ...identity,
        ldap: {
          enabled: true,
          url: "ldaps://dc:636",
          baseDN: "dc=x",
          bindDN: "cn=y",
          allowPlaintext: true,
          realm: "X.EXAMPLE",
          insecureSkipVerify: true,
        },
      },
      database: { type: "sqlite", sqlite: { path: "/data/controlplane/custom.db" } },
      metrics: { enabled: true, path: "/custom-metrics" },
      controlPlane: { tls: true },
      service: { type: "NodePort" },
      snapshotPolicies: [{ share: "/export", interval: "@daily", keepLast: 7 }],
      adapterDiscovery: { pollingInterval: "1m" },
    },
    { ...JWT, ...ADMIN },
  ),
  variant(
    "type postgres without a Secret: SQLite at the default path",
    { storage, identity, database: { type: "postgres", sqlite: { path: "/elsewhere.db" } } },
    { ...JWT, ...ADMIN },
  ),
  variant(
    "the JWT selector with an empty name (generated Secret) and an empty pod securityContext",
    {
      storage,
      identity: { jwt: { secretRef: { key: "unused" }, refreshTokenDuration: "24h" } },
      podSecurityContext: {},
    },
  ),
  variant(
    "no adapters declared: the server reports none running",
    { storage, identity, adapters: [] },
    { ...JWT, ...ADMIN },
    {
      reported: [
        { type: "nfs", port: 12049, enabled: false, running: false },
        { type: "smb", port: 1445, enabled: true, running: false },
      ],
    },
  ),
  variant(
    "SMB alone, its Service annotated but typed by default",
    {
      storage,
      identity,
      adapters: [{ type: "smb", port: 1445 }],
      adapterServices: { annotations: { "metallb.universe.tf/address-pool": "files" } },
    },
    { ...JWT, ...ADMIN },
    { reported: [{ type: "smb", port: 1445, enabled: true, running: true }] },
  ),
  variant(
    "a PostgreSQL connection passed as a value",
    { storage, identity },
    { ...JWT, ...ADMIN },
    {
      secretValues: {
        postgresConnection: "postgres://app:s3cret@db.example.com:6432/files?sslmode=verify-full",
      },
    },
  ),
];
