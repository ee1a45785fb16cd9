/**
 * The v0.29 model's cases (the default model: CRs without `dittofs.io/operator-release`), booted on the v0.29 server
 * only. Ports are written out, not derived. Every case declares the default adapters' ports unless it says otherwise;
 * what only the server's REST API switches on is listed in `restOnly`, and the check requires it closed.
 */
import * as crypto from "crypto";
import { secret, type ContractCase } from "./cases";
import { serviceDnsNames, type TestPki } from "./test-pki";

type Ports = Record<string, number>;

/** The container ports the declared adapters add (NFS and SMB; the operator's steady state). */
const adapterContainerPorts = (nfs: number, smb: number): Ports => ({
  "adapter-mdns": 5353,
  "adapter-nfs": nfs,
  "adapter-nfs-pm": 10111,
  "adapter-pm-udp": 10111,
  "adapter-smb": smb,
  "adapter-wsd": 3702,
  "adapter-wsdmeta": 5357,
});

/** `<name>-adapter-nfs` and `<name>-adapter-smb`, as the operator names and fills them. */
const adapterServices = (name: string, nfs: number, smb: number): Record<string, Ports> => ({
  [`${name}-adapter-nfs`]: {
    "adapter-nfs": nfs,
    portmap: 111,
    "portmap-udp": 111,
    "adapter-nfs-udp": nfs,
    mdns: 5353,
  },
  [`${name}-adapter-smb`]: { "adapter-smb": smb, mdns: 5353, "wsd-meta": 5357, wsd: 3702 },
});

const apiServices = (name: string, port = 8080): Record<string, Ports> => ({
  [`${name}-headless`]: { api: port },
  [`${name}-api`]: { api: port },
});

/**
 * Off until switched on through the REST API: the NFS portmapper (TCP and UDP 10111), NFS over UDP, mDNS (5353) and
 * WS-Discovery (3702, 5357).
 */
const restOnly = (nfs: number): string[] => [
  "TCP/10111",
  "UDP/10111",
  `UDP/${nfs}`,
  "UDP/5353",
  "UDP/3702",
  "TCP/5357",
];

const storage = { metadataSize: "1Gi" };

/** A `kubernetes.io/tls` Secret for `<name>-api`, as cert-manager would issue it from the test CA. */
const tlsSecret = (name: string, pki: TestPki) => {
  const pair = pki.server(serviceDnsNames(`${name}-api`, "default"));
  return secret(
    `${name}-api-cert`,
    { "tls.crt": pair.cert, "tls.key": pair.key },
    "kubernetes.io/tls",
  );
};

export const V029_CASES: ContractCase[] = [
  {
    title: "v0.29 model, every default (SQLite on the controlplane claim, NFS 12049 and SMB 1445)",
    name: "v29default",
    release: "v0.29",
    spec: { storage },
    containerPorts: { api: 8080, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: { ...apiServices("v29default"), ...adapterServices("v29default", 12049, 1445) },
  },
  {
    title: "v0.29 TLS on the API (controlPlane.certSecretName, a certificate from the test CA)",
    name: "tls",
    release: "v0.29",
    spec: { storage, controlPlane: { tls: true, certSecretName: "tls-api-cert" } },
    needsPki: true,
    inputs: ({ pki }) => [tlsSecret("tls", pki!)],
    api: ({ pki }) => ({
      port: 8080,
      tls: { ca: pki!.caCert, servername: "tls-api.default.svc" },
    }),
    containerPorts: { api: 8080, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: { ...apiServices("tls"), ...adapterServices("tls", 12049, 1445) },
  },
  {
    title:
      "v0.29 mTLS on the API (certSecretName and clientCASecretName, client certificates from the test CA)",
    name: "mtls",
    release: "v0.29",
    spec: {
      storage,
      controlPlane: {
        tls: true,
        certSecretName: "mtls-api-cert",
        clientCASecretName: "mtls-client-ca",
      },
    },
    needsPki: true,
    inputs: ({ pki }) => [
      tlsSecret("mtls", pki!),
      secret("mtls-client-ca", { "ca.crt": pki!.caCert }),
    ],
    api: ({ pki }) => ({
      port: 8080,
      tls: { ca: pki!.caCert, servername: "mtls-api.default.svc", ...pki!.client("admin") },
    }),
    containerPorts: { api: 8080, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: { ...apiServices("mtls"), ...adapterServices("mtls", 12049, 1445) },
  },
  {
    title: "v0.29 metrics with a bearer token (metrics.bearerTokenSecret) and a ServiceMonitor",
    name: "metricstoken",
    release: "v0.29",
    spec: {
      storage,
      metrics: {
        enabled: true,
        bearerTokenSecret: { name: "scrape", key: "token" },
        serviceMonitor: { enabled: true },
      },
    },
    inputs: () => [secret("scrape", { token: crypto.randomBytes(24).toString("base64url") })],
    containerPorts: { api: 8080, metrics: 9090, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: {
      ...apiServices("metricstoken"),
      "metricstoken-metrics": { metrics: 9090 },
      ...adapterServices("metricstoken", 12049, 1445),
    },
  },
  {
    title: "v0.29 named dittofs with metrics enabled (the server's own env prefix)",
    name: "dittofs",
    release: "v0.29",
    spec: { storage, metrics: { enabled: true } },
    containerPorts: { api: 8080, metrics: 9090, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: {
      ...apiServices("dittofs"),
      "dittofs-metrics": { metrics: 9090 },
      ...adapterServices("dittofs", 12049, 1445),
    },
  },
  {
    title:
      "v0.29 user Secrets: JWT secretRef, admin passwordSecretRef (the initial password), custom API and metrics ports",
    name: "v29secrets",
    release: "v0.29",
    spec: {
      storage,
      controlPlane: { port: 8181 },
      metrics: { enabled: true, port: 9191 },
      identity: {
        jwt: { secretRef: { name: "jwt", key: "signing-key" } },
        admin: { passwordSecretRef: { name: "admin", key: "password" } },
      },
    },
    inputs: () => [
      secret("jwt", { "signing-key": "contract-test-jwt-signing-key-0123456789" }),
      secret("admin", { password: "contract admin pässword" }),
    ],
    adminPassword: { secret: "admin", key: "password" },
    containerPorts: { api: 8181, metrics: 9191, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: {
      ...apiServices("v29secrets", 8181),
      "v29secrets-metrics": { metrics: 9191 },
      ...adapterServices("v29secrets", 12049, 1445),
    },
  },
  {
    title:
      "v0.29 PostgreSQL through the fixed-key Secret (host, database, user, password, sslmode; port left to its default)",
    name: "pgkeys",
    release: "v0.29",
    spec: {
      storage,
      database: { type: "postgres", postgresSecretRef: { name: "pgkeys-db", key: "host" } },
    },
    needsPostgres: true,
    inputs: ({ postgres }) => {
      const { host, database, user, password, sslmode } = postgres!;
      return [secret("pgkeys-db", { host, database, user, password, sslmode })];
    },
    containerPorts: { api: 8080, ...adapterContainerPorts(12049, 1445) },
    restOnly: restOnly(12049),
    servicePorts: { ...apiServices("pgkeys"), ...adapterServices("pgkeys", 12049, 1445) },
  },
  {
    title:
      "v0.29 custom adapter ports (NFS 12050, SMB 1446): set in the server through its REST API with the NFS portmapper, then a restart",
    name: "adapterports",
    release: "v0.29",
    spec: {
      storage,
      adapters: [
        { type: "nfs", port: 12050 },
        { type: "smb", port: 1446 },
      ],
    },
    restSetup: {
      requests: [
        { method: "PUT", path: "/api/v1/adapters/nfs", body: { port: 12050 } },
        { method: "PUT", path: "/api/v1/adapters/smb", body: { port: 1446 } },
        {
          method: "PATCH",
          path: "/api/v1/adapters/nfs/settings",
          body: { portmapper_enabled: true },
        },
      ],
      // A fresh server's own adapters: the declared ports are not open until the REST API says so.
      before: {
        listening: ["TCP/12049", "TCP/1445"],
        closed: ["TCP/12050", "TCP/1446", "TCP/10111", "UDP/10111"],
      },
    },
    containerPorts: { api: 8080, ...adapterContainerPorts(12050, 1446) },
    restOnly: ["UDP/12050", "UDP/5353", "UDP/3702", "TCP/5357"],
    servicePorts: {
      ...apiServices("adapterports"),
      ...adapterServices("adapterports", 12050, 1446),
    },
  },
];
