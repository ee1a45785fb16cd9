/**
 * The specs the server contract tests render and boot (issue 9), with what each must show: the container ports the
 * server listens on and the Service ports clients use. Ports are written out, not derived, so a wrong default in the
 * component fails here.
 */
type Obj = Record<string, any>;

export interface ContractCase {
  title: string;
  name: string;
  spec: Obj;
  /** Secrets the user's cluster holds; `postgresUrl` is replaced by the local PostgreSQL's URL. */
  inputs?: (postgresUrl: string) => Obj[];
  needsPostgres?: boolean;
  /** Container port name → port the server must listen on. */
  containerPorts: Record<string, number>;
  /** Service name → port name → Service port. */
  servicePorts: Record<string, Record<string, number>>;
  /** Where the admin's password comes from: a user Secret key, else the generated `<name>-admin-bootstrap-credentials`. */
  adminPassword?: { secret: string; key: string };
}

const secret = (name: string, stringData: Record<string, string>): Obj => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name },
  type: "Opaque",
  stringData,
});

export const cr = (name: string, spec: Obj): Obj => ({
  apiVersion: "dittofs.dittofs.com/v1alpha1",
  kind: "DittoServer",
  metadata: { name },
  spec,
});

const base = (name: string): Record<string, Record<string, number>> => ({
  [`${name}-headless`]: { nfs: 12049 },
  [`${name}-file`]: { nfs: 12049 },
  [`${name}-api`]: { api: 8080 },
});

export const CASES: ContractCase[] = [
  {
    title: "SQLite, every default",
    name: "sqlite",
    spec: { storage: { metadataSize: "1Gi" } },
    containerPorts: { nfs: 12049, api: 8080 },
    servicePorts: base("sqlite"),
  },
  {
    title: "PostgreSQL through database.postgresSecretRef holding a URL",
    name: "pg",
    spec: {
      storage: { metadataSize: "1Gi" },
      database: { type: "postgres", postgresSecretRef: { name: "pg-url", key: "url" } },
    },
    inputs: (url) => [secret("pg-url", { url })],
    needsPostgres: true,
    containerPorts: { nfs: 12049, api: 8080 },
    servicePorts: base("pg"),
  },
  {
    title: "SMB enabled",
    name: "smb",
    spec: { storage: { metadataSize: "1Gi" }, smb: { enabled: true } },
    containerPorts: { nfs: 12049, api: 8080, smb: 1445 },
    servicePorts: { ...base("smb"), "smb-file": { nfs: 12049, smb: 12445 } },
  },
  {
    title: "metrics enabled",
    name: "metrics",
    spec: { storage: { metadataSize: "1Gi" }, metrics: { enabled: true } },
    containerPorts: { nfs: 12049, api: 8080, metrics: 9090 },
    servicePorts: { ...base("metrics"), "metrics-metrics": { metrics: 9090 } },
  },
  {
    title: "named dittofs with metrics enabled (the server's own env prefix)",
    name: "dittofs",
    spec: { storage: { metadataSize: "1Gi" }, metrics: { enabled: true } },
    containerPorts: { nfs: 12049, api: 8080, metrics: 9090 },
    servicePorts: { ...base("dittofs"), "dittofs-metrics": { metrics: 9090 } },
  },
  {
    title: "standard ports on the Services: nfsPort 2049, smb.port 445",
    name: "stdports",
    spec: { storage: { metadataSize: "1Gi" }, nfsPort: 2049, smb: { enabled: true, port: 445 } },
    containerPorts: { nfs: 12049, api: 8080, smb: 1445 },
    servicePorts: {
      "stdports-headless": { nfs: 2049 },
      "stdports-file": { nfs: 2049, smb: 445 },
      "stdports-api": { api: 8080 },
    },
  },
  {
    title:
      "user Secrets: JWT secretRef, initialPasswordSecretRef, S3 credentials, custom API and metrics ports",
    name: "usersecrets",
    spec: {
      storage: { metadataSize: "1Gi", cacheSize: "1Gi" },
      controlPlane: { port: 8181 },
      metrics: { enabled: true, port: 9191 },
      identity: {
        jwt: { secretRef: { name: "jwt", key: "signing-key" } },
        admin: { initialPasswordSecretRef: { name: "admin", key: "password" } },
      },
      s3: { credentialsSecretRef: { secretName: "s3" }, region: "eu-west-1", bucket: "contract" },
    },
    inputs: () => [
      secret("jwt", { "signing-key": "contract-test-jwt-signing-key-0123456789" }),
      secret("admin", { password: "contract admin pässword" }),
      secret("s3", { accessKeyId: "AKIACONTRACT", secretAccessKey: "contract-secret-access-key" }),
    ],
    adminPassword: { secret: "admin", key: "password" },
    containerPorts: { nfs: 12049, api: 8181, metrics: 9191 },
    servicePorts: {
      ...base("usersecrets"),
      "usersecrets-api": { api: 8181 },
      "usersecrets-metrics": { metrics: 9191 },
    },
  },
];
