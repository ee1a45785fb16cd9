/**
 * The specs the server contract tests render and boot (issue 9), with what each must show: the container ports the
 * server listens on and the Service ports clients use. Ports are written out, not derived, so a wrong default in the
 * component fails here. These are the Feb model's cases (`dittofs.io/operator-release: "2026-02"`); the v0.29
 * model's are in cases-v029.ts.
 */
import type { ApiAccess } from "./case-run";
import type { PostgresConnection } from "./postgres";
import type { TestPki } from "./test-pki";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

/** The object model a CR names (`dittofs.io/operator-release`). */
export type Release = "2026-02" | "v0.29";

/** What a case's inputs and API client may use. */
export interface CaseEnv {
  /** The case's own database in the local PostgreSQL (`needsPostgres`). */
  postgres?: PostgresConnection;
  /** The test CA (`needsPki`). */
  pki?: TestPki;
}

export interface ContractCase {
  title: string;
  name: string;
  release: Release;
  spec: Obj;
  /** Secrets the user's cluster holds. */
  inputs?: (env: CaseEnv) => Obj[];
  needsPostgres?: boolean;
  /** Certificates from the test CA (made at test time with openssl). */
  needsPki?: boolean;
  /** Container port name → port the server must listen on (unless `restOnly`). */
  containerPorts: Record<string, number>;
  /**
   * `<protocol>/<port>` targets of declared container or Service ports that nothing listens on until they are
   * switched on through the server's REST API (differences: rest-only-settings): the check requires them closed, so
   * the table row stays true.
   */
  restOnly?: string[];
  /** Service name → port name → Service port. */
  servicePorts: Record<string, Record<string, number>>;
  /** Where the admin's password comes from: a user Secret key, else the generated `<name>-admin-bootstrap-credentials`. */
  adminPassword?: { secret: string; key: string };
  /** How a client reaches the API (default: plain HTTP on the api port). */
  api?: (env: CaseEnv) => ApiAccess;
  /**
   * Settings only the REST API makes, sent as admin after the first start and followed by a pod restart; the
   * checks after it see the server so configured. `before` says what listens until then.
   */
  restSetup?: {
    requests: Array<{ method: string; path: string; body: unknown }>;
    before: { listening: string[]; closed: string[] };
  };
}

/** The Secret key of the admin's initial password. */
export const adminPasswordRef = (c: ContractCase): { secret: string; key: string } =>
  c.adminPassword ?? { secret: `${c.name}-admin-bootstrap-credentials`, key: "password" };

export const secret = (name: string, stringData: Record<string, string>, type = "Opaque"): Obj => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name },
  type,
  stringData,
});

/** A DittoServer CR; the Feb model is asked for by its annotation, as a user of `dittofs render` does. */
export const cr = (name: string, spec: Obj, release: Release): Obj => ({
  apiVersion: "dittofs.dittofs.com/v1alpha1",
  kind: "DittoServer",
  metadata: {
    name,
    ...(release === "2026-02" ? { annotations: { "dittofs.io/operator-release": "2026-02" } } : {}),
  },
  spec,
});

const base = (name: string): Record<string, Record<string, number>> => ({
  [`${name}-headless`]: { nfs: 12049 },
  [`${name}-file`]: { nfs: 12049 },
  [`${name}-api`]: { api: 8080 },
});

export const FEB_CASES: ContractCase[] = [
  {
    title: "SQLite, every default",
    name: "sqlite",
    release: "2026-02",
    spec: MINIMAL,
    containerPorts: { nfs: 12049, api: 8080 },
    servicePorts: base("sqlite"),
  },
  {
    title: "PostgreSQL through database.postgresSecretRef holding a URL",
    name: "pg",
    release: "2026-02",
    spec: {
      ...MINIMAL,
      database: { type: "postgres", postgresSecretRef: { name: "pg-url", key: "url" } },
    },
    inputs: ({ postgres }) => [secret("pg-url", { url: postgres!.url })],
    needsPostgres: true,
    containerPorts: { nfs: 12049, api: 8080 },
    servicePorts: base("pg"),
  },
  {
    title: "SMB enabled",
    name: "smb",
    release: "2026-02",
    spec: { ...MINIMAL, smb: { enabled: true } },
    containerPorts: { nfs: 12049, api: 8080, smb: 1445 },
    servicePorts: { ...base("smb"), "smb-file": { nfs: 12049, smb: 12445 } },
  },
  {
    title: "metrics enabled",
    name: "metrics",
    release: "2026-02",
    spec: { ...MINIMAL, metrics: { enabled: true } },
    containerPorts: { nfs: 12049, api: 8080, metrics: 9090 },
    servicePorts: { ...base("metrics"), "metrics-metrics": { metrics: 9090 } },
  },
  {
    title: "named dittofs with metrics enabled (the server's own env prefix)",
    name: "dittofs",
    release: "2026-02",
    spec: { ...MINIMAL, metrics: { enabled: true } },
    containerPorts: { nfs: 12049, api: 8080, metrics: 9090 },
    servicePorts: { ...base("dittofs"), "dittofs-metrics": { metrics: 9090 } },
  },
  {
    title: "standard ports on the Services: nfsPort 2049, smb.port 445",
    name: "stdports",
    release: "2026-02",
    spec: { ...MINIMAL, nfsPort: 2049, smb: { enabled: true, port: 445 } },
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
    release: "2026-02",
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
