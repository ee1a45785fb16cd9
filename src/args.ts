/**
 * DittoServer arguments: the DittoServer CRD spec of the DittoFS operator (dittofs.dittofs.com/v1alpha1), field for
 * field with the same JSON names and defaults, plus a few component-only fields (`operatorRelease`, `namespace`,
 * `labels`, `annotations`, `secretValues`). A CR's `spec:` pasted here deploys what the operator would.
 *
 * Two object models: the operator's release v0.29 (the default) and the operator of February 2026
 * (`operatorRelease: "2026-02"`). Fields of one model only say so in their description; the other model rejects them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";

type Input<T> = pulumi.Input<T>;

/** A key of a Kubernetes Secret in the DittoServer's namespace. */
export interface SecretKeySelectorArgs {
  /** Name of the Secret. Defaults to `""`. */
  name?: Input<string>;
  /** Key within the Secret. */
  key: Input<string>;
  /** Accepted for CRD compatibility and ignored, as the operator ignores it: the server needs the value. */
  optional?: Input<boolean>;
}

/** A Kubernetes object (a Secret) by name, in the DittoServer's namespace. */
export interface LocalObjectReferenceArgs {
  /** Name of the Secret. Defaults to `""`. */
  name?: Input<string>;
}

/** Persistent volumes of the server; each size must match `^[0-9]+(Gi|Mi|Ti)$`. Sizes and class cannot change after creation (the StatefulSet is replaced; the volumes are kept). */
export interface StorageArgs {
  /** Size of the metadata volume, mounted at `/data/store/metadata` (2026-02 model: `/data/metadata`). Required. */
  metadataSize: Input<string>;
  /** Size of the content (block) volume, mounted at `/data/store/block` (2026-02 model: `/data/content`); no content volume when unset (remote payload stores only). */
  contentSize?: Input<string>;
  /** 2026-02 model only. Size of the cache (WAL) volume, mounted at `/data/cache`. Defaults to `5Gi`. */
  cacheSize?: Input<string>;
  /** Size of the control-plane volume, mounted at `/data/controlplane`, which keeps users, shares and adapters across restarts. Defaults to `1Gi`. */
  controlPlaneSize?: Input<string>;
  /** StorageClass of every volume; the cluster's default class when unset. An explicit `""` disables dynamic provisioning. */
  storageClassName?: Input<string>;
}

/** SQLite settings of the control-plane database. */
export interface SqliteArgs {
  /** Database file; must be on a volume so it persists (`/data/controlplane`, or the metadata, content or cache volume). Only checked and used when SQLite is the database. Defaults to `/data/controlplane/controlplane.db`. */
  path?: Input<string>;
}

/** Control-plane database: SQLite on the control-plane volume, or PostgreSQL. */
export interface DatabaseArgs {
  /** Database type, `sqlite` or `postgres`; PostgreSQL is used whenever `postgresSecretRef` is set. Defaults to `sqlite`. */
  type?: Input<string>;
  /** SQLite settings, used when no PostgreSQL connection is configured. */
  sqlite?: Input<SqliteArgs>;
  /** The PostgreSQL connection, which takes precedence over SQLite. v0.29 model: a Secret with the keys `host`, `database`, `user`, `password` and optionally `port` and `sslmode`, which the server reads (`key` is not used; naming one of those keys avoids a warning). 2026-02 model: a Secret key holding a connection string, a URL `postgres://user:pass@host:port/db?sslmode=...` or a libpq `key=value` string, which the component splits into `<name>-postgres-connection`. */
  postgresSecretRef?: Input<SecretKeySelectorArgs>;
}

/** 2026-02 model only. WAL-backed cache settings written to the server config. */
export interface CacheArgs {
  /** Cache directory; must be under `/data/cache` so it persists. Defaults to `/data/cache`. */
  path?: Input<string>;
  /** Maximum cache size, e.g. `1GB` or `512MB`. Defaults to `1GB`. */
  size?: Input<string>;
}

/** v0.29 model only. A Prometheus operator ServiceMonitor for the metrics Service. */
export interface ServiceMonitorArgs {
  /** Create the ServiceMonitor `<name>-metrics` (`monitoring.coreos.com/v1`; its CRD must be installed) when metrics are enabled. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Scrape interval, e.g. `30s`; Prometheus' default when unset. */
  interval?: Input<string>;
  /** Labels of the ServiceMonitor, e.g. the one your Prometheus selects (`release: kube-prometheus-stack`); the selector labels win on a clash. */
  labels?: Input<Record<string, Input<string>>>;
}

/** Prometheus metrics. */
export interface MetricsArgs {
  /** Expose metrics and create the `<name>-metrics` Service. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Metrics port (1-65535), on the container and the metrics Service. Defaults to `9090`. */
  port?: Input<number>;
  /** v0.29 model only. HTTP path of the metrics, starting with `/`. Defaults to `/metrics`. */
  path?: Input<string>;
  /** v0.29 model only. Secret key holding a bearer token that scrapers must present; mounted into the pod (rotating it does not restart the server). */
  bearerTokenSecret?: Input<SecretKeySelectorArgs>;
  /** v0.29 model only. A ServiceMonitor for the metrics Service. */
  serviceMonitor?: Input<ServiceMonitorArgs>;
}

/** The REST control plane. */
export interface ControlPlaneArgs {
  /** API port (1-65535), on the container, the `<name>-api` Service and all probes. Defaults to `8080`. */
  port?: Input<number>;
  /** v0.29 model only. The API is reached over https (the `apiUrl` output's scheme); no effect on any object. Defaults to `false`. */
  tls?: Input<boolean>;
  /** v0.29 model only. A `kubernetes.io/tls` Secret (keys `tls.crt`, `tls.key`) the API serves natively; mounted at `/tls`, probes switch to HTTPS. */
  certSecretName?: Input<string>;
  /** v0.29 model only. A Secret with key `ca.crt`: clients must present a certificate it signed (mTLS; needs `certSecretName`); probes switch to TCP checks. */
  clientCASecretName?: Input<string>;
}

/** JWT settings of the REST API. */
export interface JwtArgs {
  /** Secret key holding the JWT signing secret (at least 32 characters). When unset the component generates one into `<name>-jwt-secret`. */
  secretRef?: Input<SecretKeySelectorArgs>;
  /** Access token lifetime, e.g. `15m`. Defaults to `15m`. */
  accessTokenDuration?: Input<string>;
  /** Refresh token lifetime, e.g. `168h`. Defaults to `168h`. */
  refreshTokenDuration?: Input<string>;
  /** 2026-02 model only. Token issuer written to the config (the server uses `dittofs` regardless). Defaults to `dittofs`. */
  issuer?: Input<string>;
}

/** The admin user. */
export interface AdminArgs {
  /** Admin user name written to the config (the server always names it `admin`). Defaults to `admin`. */
  username?: Input<string>;
  /** v0.29 model: Secret key holding the admin's initial password in plain text (8 to 72 characters), applied on the server's first start; when unset the component generates one into `<name>-admin-bootstrap-credentials`. 2026-02 model: a bcrypt hash passed as `DITTOFS_ADMIN_PASSWORD_HASH` for parity, which the server ignores. */
  passwordSecretRef?: Input<SecretKeySelectorArgs>;
  /** 2026-02 model only. Secret key holding the admin's initial password in plain text (8 to 72 characters), applied on the server's first start. When unset the component generates one into `<name>-admin-bootstrap-credentials`. */
  initialPasswordSecretRef?: Input<SecretKeySelectorArgs>;
}

/** v0.29 model only. An LDAP (or Active Directory) directory users authenticate against; written to the config whenever present. */
export interface LdapArgs {
  /** Use the directory. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Directory URL, e.g. `ldaps://dc.example.com:636`. Required. */
  url: Input<string>;
  /** Upgrade an `ldap://` connection with StartTLS. Defaults to `false`. */
  startTLS?: Input<boolean>;
  /** Allow binding over an unencrypted connection. Defaults to `false`. */
  allowPlaintext?: Input<boolean>;
  /** Base DN of user and group searches. Required. */
  baseDN: Input<string>;
  /** DN the server binds as. Required. */
  bindDN: Input<string>;
  /** Secret key holding the bind password (env `DITTOFS_LDAP_BIND_PASSWORD`; rotating it restarts the server). */
  bindPasswordSecretRef?: Input<SecretKeySelectorArgs>;
  /** Attribute holding the user name; the server's default (`sAMAccountName`) when unset. */
  userAttr?: Input<string>;
  /** Realm of the users. */
  realm?: Input<string>;
  /** Identity mapping: `rfc2307` or `rid`; the server's default (`rfc2307`) when unset. */
  idmap?: Input<string>;
  /** Resolve nested group membership. Defaults to `false`. */
  nestedGroups?: Input<boolean>;
  /** Path inside the pod of a CA certificate for the directory's TLS (the image must carry it). */
  caCertFile?: Input<string>;
  /** Skip TLS verification of the directory. Defaults to `false`. */
  insecureSkipVerify?: Input<boolean>;
}

/** v0.29 model only. The machine account the server joins the domain with. */
export interface KerberosMachineAccountArgs {
  /** Use a machine account. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Account name, e.g. `DITTOFS$`; required when enabled. */
  accountName?: Input<string>;
  /** Secret key holding the account's password (env `DITTOFS_KERBEROS_MACHINE_ACCOUNT_SECRET`); this or `keytabSecretRef` is required when enabled. */
  secretRef?: Input<SecretKeySelectorArgs>;
  /** Secret key holding the account's keytab, mounted at `/kerberos-machine/machine.keytab`. */
  keytabSecretRef?: Input<SecretKeySelectorArgs>;
  /** Domain controllers, `host` or `host:port`; discovered when unset. */
  dcAddress?: Input<Input<string>[]>;
}

/** v0.29 model only. Kerberos for NFS and SMB; nothing is rendered unless enabled. */
export interface KerberosArgs {
  /** Use Kerberos. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Service principal, e.g. `nfs/files.example.com@EXAMPLE.COM`; required when enabled. */
  servicePrincipal?: Input<string>;
  /** Realm; derived from the service principal when unset. */
  realm?: Input<string>;
  /** NetBIOS domain name. */
  netbiosDomain?: Input<string>;
  /** DNS domain name. */
  dnsDomain?: Input<string>;
  /** Secret key holding the service keytab, mounted at `/kerberos/dittofs.keytab`; required when enabled. */
  keytabSecretRef?: Input<SecretKeySelectorArgs>;
  /** Secret key holding a `krb5.conf`, mounted at `/kerberos-krb5/krb5.conf`. */
  krb5ConfSecretRef?: Input<SecretKeySelectorArgs>;
  /** Path inside the pod of a `krb5.conf`, when no `krb5ConfSecretRef` is given; the server's default (`/etc/krb5.conf`) when unset. */
  krb5Conf?: Input<string>;
  /** The machine account. */
  machineAccount?: Input<KerberosMachineAccountArgs>;
}

/** Authentication of the REST API. */
export interface IdentityArgs {
  /** Identity store; only `memory`. Defaults to `memory`. */
  type?: Input<string>;
  /** JWT settings. */
  jwt?: Input<JwtArgs>;
  /** Admin user settings. */
  admin?: Input<AdminArgs>;
  /** v0.29 model only. An LDAP directory. */
  ldap?: Input<LdapArgs>;
  /** v0.29 model only. Kerberos. */
  kerberos?: Input<KerberosArgs>;
}

/** Type and annotations of the API Service `<name>-api` (2026-02 model: also of the file Service `<name>-file`). */
export interface ServiceArgs {
  /** Service type: `ClusterIP`, `NodePort` or `LoadBalancer`. Defaults to `ClusterIP`. */
  type?: Input<string>;
  /** Annotations added to the Service, e.g. for a cloud load balancer. */
  annotations?: Input<Record<string, Input<string>>>;
}

/** v0.29 model only. An adapter the server runs (a protocol on a port), with its Service, container ports and NetworkPolicy. */
export interface DeclaredAdapterArgs {
  /** Adapter type, e.g. `nfs` or `smb`; names the Service `<name>-adapter-<type>`. Required. */
  type: Input<string>;
  /** Port the adapter listens on (1024-65535; the pod runs unprivileged), set in the server through its REST API: the Service uses the same port. Required. */
  port: Input<number>;
}

/** v0.29 model only. Type and annotations of every adapter Service `<name>-adapter-<type>`. */
export interface AdapterServicesArgs {
  /** Service type: `ClusterIP`, `NodePort` or `LoadBalancer`. Defaults to `LoadBalancer`. */
  type?: Input<string>;
  /** Annotations added to every adapter Service. */
  annotations?: Input<Record<string, Input<string>>>;
}

/** v0.29 model only. The operator's adapter polling; validated, no effect (adapters are declared in `adapters`). */
export interface AdapterDiscoveryArgs {
  /** Polling interval, a Go duration. Defaults to `30s`. */
  pollingInterval?: Input<string>;
}

/** v0.29 model only. The server's logging. */
export interface LoggingArgs {
  /** Level: `DEBUG`, `INFO`, `WARN` or `ERROR`. Defaults to `INFO`. */
  level?: Input<string>;
  /** Format: `text` or `json`. Defaults to `json`. */
  format?: Input<string>;
  /** `stdout`, `stderr` or a file path. Defaults to `stdout`. */
  output?: Input<string>;
}

/** v0.29 model only. A snapshot policy of a share; validated, not applied by the component (the server's REST API applies it once the share exists). */
export interface DeclaredSnapshotPolicyArgs {
  /** Share name. Required. */
  share: Input<string>;
  /** Interval, a Go duration or `@hourly`/`@daily`/`@weekly`. Required. */
  interval: Input<string>;
  /** Snapshots kept (at least 0). */
  keepLast?: Input<number>;
  /** Lifetime of a snapshot. */
  ttl?: Input<string>;
  /** Policy enabled; the server's default (enabled) when unset. */
  enabled?: Input<boolean>;
  /** Name prefix of the snapshots; the server's default (`scheduled`) when unset. */
  namePrefix?: Input<string>;
}

/** SMB timeouts; validated, no effect on the deployment (tuned through the server's REST API). */
export interface SmbTimeoutsArgs {
  /** Maximum time to read a request. Defaults to `5m`. */
  read?: Input<string>;
  /** Maximum time to write a response. Defaults to `30s`. */
  write?: Input<string>;
  /** Maximum idle time between requests. Defaults to `5m`. */
  idle?: Input<string>;
  /** Graceful shutdown timeout. Defaults to `30s`. */
  shutdown?: Input<string>;
}

/** SMB credit settings; validated, no effect on the deployment (tuned through the server's REST API). */
export interface SmbCreditsArgs {
  /** Credit grant strategy: `fixed`, `echo` or `adaptive`. Defaults to `adaptive`. */
  strategy?: Input<string>;
  /** Minimum credits per response (at least 1). Defaults to `16`. */
  minGrant?: Input<number>;
  /** Maximum credits per response (at least 1). Defaults to `8192`. */
  maxGrant?: Input<number>;
  /** Credits for initial requests (at least 1). Defaults to `256`. */
  initialGrant?: Input<number>;
  /** Maximum outstanding credits per session (at least 1). Defaults to `65535`. */
  maxSessionCredits?: Input<number>;
  /** Load above which the adaptive strategy throttles (at least 1). Defaults to `1000`. */
  loadThresholdHigh?: Input<number>;
  /** Load below which the adaptive strategy boosts (at least 1). Defaults to `100`. */
  loadThresholdLow?: Input<number>;
  /** Outstanding requests above which a client is throttled (at least 1). Defaults to `256`. */
  aggressiveClientThreshold?: Input<number>;
}

/** The SMB protocol. */
export interface SmbArgs {
  /** Expose SMB on the file Service. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** SMB port of the file Service (1-65535); it reaches the server's SMB adapter on container port 1445. Defaults to `12445`. */
  port?: Input<number>;
  /** Maximum concurrent connections, 0 for unlimited; no effect on the deployment. Defaults to `0`. */
  maxConnections?: Input<number>;
  /** Maximum concurrent requests per connection (at least 1); no effect on the deployment. Defaults to `100`. */
  maxRequestsPerConnection?: Input<number>;
  /** SMB metrics log interval; no effect on the deployment. Defaults to `5m`. */
  metricsLogInterval?: Input<string>;
  /** SMB timeouts. */
  timeouts?: Input<SmbTimeoutsArgs>;
  /** SMB credit settings. */
  credits?: Input<SmbCreditsArgs>;
}

/** 2026-02 model only. Keys of the S3 credentials Secret. */
export interface S3CredentialsSecretRefArgs {
  /** Name of the Secret. Required. */
  secretName: Input<string>;
  /** Key holding the access key ID. Defaults to `accessKeyId`. */
  accessKeyIdKey?: Input<string>;
  /** Key holding the secret access key. Defaults to `secretAccessKey`. */
  secretAccessKeyKey?: Input<string>;
  /** Key holding the endpoint URL; optional in the Secret. Defaults to `endpoint`. */
  endpointKey?: Input<string>;
}

/** 2026-02 model only. S3 credentials passed to the server as `AWS_*` environment variables (S3 stores are created through the REST API). */
export interface S3Args {
  /** Secret with the S3 credentials. No `AWS_*` variables without it (unless `secretValues.s3` is given). */
  credentialsSecretRef?: Input<S3CredentialsSecretRefArgs>;
  /** Region, passed as `AWS_REGION`. Defaults to `eu-west-1`. */
  region?: Input<string>;
  /** Bucket name; informational, no effect on the deployment. */
  bucket?: Input<string>;
}

/** pgBackRest backups of the Percona cluster to S3. */
export interface PerconaBackupArgs {
  /** Enable backups; then `bucket` and `endpoint` are required. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Secret with pgBackRest S3 credentials (`s3.conf` form). */
  credentialsSecretRef?: Input<LocalObjectReferenceArgs>;
  /** Backup bucket. */
  bucket?: Input<string>;
  /** S3 endpoint, e.g. `https://s3.cubbit.eu`. */
  endpoint?: Input<string>;
  /** Bucket region. Defaults to `eu-west-1`. */
  region?: Input<string>;
  /** Cron schedule of full backups. Defaults to `0 2 * * *`. */
  fullSchedule?: Input<string>;
  /** Cron schedule of incremental backups. Defaults to `0 * * * *`. */
  incrSchedule?: Input<string>;
  /** Backup retention in days (at least 1); no effect, as in the operator. Defaults to `7`. */
  retentionDays?: Input<number>;
}

/** A PostgreSQL cluster run by the Percona operator (which must be installed) for the control plane. */
export interface PerconaArgs {
  /** Create a PerconaPGCluster `<name>-postgres` and use it as the control-plane database. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Delete the PostgreSQL cluster (and its data) with the DittoServer; when false it is kept on destroy. Defaults to `false`. */
  deleteWithServer?: Input<boolean>;
  /** PostgreSQL instances (1-5). Defaults to `1`. */
  replicas?: Input<number>;
  /** Data volume size of each instance, a Kubernetes quantity. Defaults to `10Gi`. */
  storageSize?: Input<string>;
  /** StorageClass of the PostgreSQL volumes; the cluster default when unset. */
  storageClassName?: Input<string>;
  /** Database created for user `dittofs`. Defaults to `dittofs`. */
  databaseName?: Input<string>;
  /** pgBackRest backups. */
  backup?: Input<PerconaBackupArgs>;
}

/** 2026-02 model only. S3 credential values the component stores in its own Secret `<name>-s3-credentials`. */
export interface S3CredentialValuesArgs {
  /** Access key ID. */
  accessKeyId: Input<string>;
  /** Secret access key. */
  secretAccessKey: Input<string>;
  /** Endpoint URL of an S3-compatible store; AWS when unset. */
  endpoint?: Input<string>;
}

/**
 * Secret values the component stores in Secrets it owns, instead of referencing Secrets that already exist. Each one
 * conflicts with the matching `*SecretRef`. Values are marked secret and never appear outside Kubernetes Secret data.
 */
export interface SecretValuesArgs {
  /** JWT signing secret (at least 32 characters), stored in `<name>-jwt-secret`. Generated when neither this nor `identity.jwt.secretRef` is set. */
  jwtSecret?: Input<string>;
  /** Admin initial password (8 to 72 characters), stored in `<name>-admin-bootstrap-credentials`. Generated when neither this nor the Secret reference of the initial password (`identity.admin.passwordSecretRef`; 2026-02 model: `identity.admin.initialPasswordSecretRef`) is set. */
  adminInitialPassword?: Input<string>;
  /** PostgreSQL connection string (URL or libpq `key=value`), split into `<name>-postgres-connection`; selects PostgreSQL. */
  postgresConnection?: Input<string>;
  /** 2026-02 model only. S3 credentials, stored in `<name>-s3-credentials`. */
  s3?: Input<S3CredentialValuesArgs>;
}

/** The DittoServer spec: the operator's CRD fields (of both object models; each model rejects the other's). */
export interface DittoServerSpecArgs {
  /** Container image of the server; pin a tag in production. Defaults to `marmos91c/dittofs:latest`. */
  image?: Input<string>;
  /** Server replicas: 1 runs the server, 0 stops it and keeps everything else. Defaults to `1`. */
  replicas?: Input<number>;
  /** Persistent volumes. Required. */
  storage: Input<StorageArgs>;
  /** Control-plane database. */
  database?: Input<DatabaseArgs>;
  /** Prometheus metrics. */
  metrics?: Input<MetricsArgs>;
  /** REST control plane. */
  controlPlane?: Input<ControlPlaneArgs>;
  /** Authentication: JWT, admin, and (v0.29 model) LDAP and Kerberos. */
  identity?: Input<IdentityArgs>;
  /** API Service settings (2026-02 model: also the file Service). */
  service?: Input<ServiceArgs>;
  /** v0.29 model only. The adapters the server runs, each with its Service `<name>-adapter-<type>`, container ports and NetworkPolicy; their ports are set in the server through its REST API and must match. Defaults to NFS on 12049 and SMB on 1445 (what a fresh server creates). */
  adapters?: Input<Input<DeclaredAdapterArgs>[]>;
  /** v0.29 model only. Adapter Service settings. */
  adapterServices?: Input<AdapterServicesArgs>;
  /** v0.29 model only. The operator's adapter polling; validated, no effect. */
  adapterDiscovery?: Input<AdapterDiscoveryArgs>;
  /** v0.29 model only. Logging. */
  logging?: Input<LoggingArgs>;
  /** v0.29 model only. Snapshot policies of shares; validated, not applied (a warning says so). */
  snapshotPolicies?: Input<Input<DeclaredSnapshotPolicyArgs>[]>;
  /** v0.29 model only. Seconds the pod gets to stop (at least 36). Defaults to `105`. */
  terminationGracePeriodSeconds?: Input<number>;
  /** 2026-02 model only. WAL-backed cache. */
  cache?: Input<CacheArgs>;
  /** 2026-02 model only. NFS port of the file and headless Services (1-65535); it reaches the server's NFS adapter on container port 12049. Defaults to `12049`. */
  nfsPort?: Input<number>;
  /** 2026-02 model only. SMB settings. */
  smb?: Input<SmbArgs>;
  /** 2026-02 model only. S3 credentials for payload stores. */
  s3?: Input<S3Args>;
  /** Percona-managed PostgreSQL. */
  percona?: Input<PerconaArgs>;
  /** Resource requests and limits of the server container. Defaults to none. */
  resources?: Input<k8s.types.input.core.v1.ResourceRequirements>;
  /** Security context of the server container. v0.29 model: no privilege escalation, non-root, no capabilities and RuntimeDefault seccomp are filled in where it leaves them unset. 2026-02 model: replaces the hardened default (non-root 65532, no capabilities, no privilege escalation, read-only root) as a whole. */
  securityContext?: Input<k8s.types.input.core.v1.SecurityContext>;
  /** Security context of the pod; replaces the default as a whole (v0.29 model: fsGroup 65532; 2026-02 model: fsGroup, user and group 65532, non-root, RuntimeDefault seccomp). */
  podSecurityContext?: Input<k8s.types.input.core.v1.PodSecurityContext>;
}

/** Where and how the server's pod runs: what neither operator release lets a platform team say (both object models). */
export interface PodArgs {
  /** Node labels the pod must run on, e.g. `{ "node-role.example.com/storage": "true" }`. */
  nodeSelector?: Input<Record<string, Input<string>>>;
  /** Taints the pod tolerates, e.g. dedicated storage nodes tainted `dedicated=storage:NoSchedule`. */
  tolerations?: Input<Input<k8s.types.input.core.v1.Toleration>[]>;
  /** Node and pod (anti-)affinity. */
  affinity?: Input<k8s.types.input.core.v1.Affinity>;
  /** How the pod spreads across zones or nodes (the pod's selector labels select it; add a `labelSelector` to spread against other pods). */
  topologySpreadConstraints?: Input<Input<k8s.types.input.core.v1.TopologySpreadConstraint>[]>;
  /** PriorityClass of the pod, e.g. one a policy engine requires. */
  priorityClassName?: Input<string>;
  /** ServiceAccount the pod runs as; its token stays unmounted unless `automountServiceAccountToken` is true. */
  serviceAccountName?: Input<string>;
  /** Mount the service account token into the pod; the server needs none. When unset the token is not mounted in the v0.29 model, nor in the 2026-02 model once `serviceAccountName` is set (the 2026-02 default otherwise leaves Kubernetes' default). */
  automountServiceAccountToken?: Input<boolean>;
  /** Secrets holding registry credentials for the image, e.g. for a private registry mirror. */
  imagePullSecrets?: Input<Input<LocalObjectReferenceArgs>[]>;
  /** Labels added to the pod (not to the StatefulSet's selector); `app` and `instance` are the selector's and cannot be set. */
  labels?: Input<Record<string, Input<string>>>;
  /** Annotations added to the pod; `dittofs.io/config-hash` is the component's and cannot be set. */
  annotations?: Input<Record<string, Input<string>>>;
}

/** A PodDisruptionBudget `<name>` for the server's pod. With its single replica a budget either blocks voluntary evictions (a node drain waits until the pod is moved by hand) or protects nothing. */
export interface PodDisruptionBudgetArgs {
  /** Create the PodDisruptionBudget. Defaults to `false`. */
  enabled?: Input<boolean>;
  /** Pods that must stay available: a number (`"1"`, which blocks voluntary evictions of the single pod) or a percentage (`"100%"`). The component uses `"1"` when neither this nor `maxUnavailable` is set. */
  minAvailable?: Input<string>;
  /** Pods that may be unavailable: a number or a percentage; `"0"` blocks voluntary evictions, `"1"` allows them. Set this or `minAvailable`, not both. */
  maxUnavailable?: Input<string>;
}

/** Arguments of a DittoServer: the CRD spec plus component-only fields. */
export interface DittoServerArgs extends DittoServerSpecArgs {
  /** The operator release whose object model to render: `v0.29` (today's operator and server) or `2026-02` (the operator of February 2026). Moving a stack from `2026-02` to `v0.29` replaces the StatefulSet (volumes kept) and the file Service; see the README's migration section. Defaults to `v0.29`. */
  operatorRelease?: Input<string>;
  /** Namespace of every object; it must exist, and referenced Secrets are read from it. Defaults to `default`. */
  namespace?: Input<string>;
  /** Labels added to every object's metadata (selectors stay `app` and `instance`). */
  labels?: Input<Record<string, Input<string>>>;
  /** Annotations added to every object's metadata. */
  annotations?: Input<Record<string, Input<string>>>;
  /** Secret values stored in Secrets the component owns, instead of references to existing Secrets. */
  secretValues?: Input<SecretValuesArgs>;
  /** Where and how the pod runs: scheduling, service account, image pull secrets, pod labels and annotations. A change rolls the pod. */
  pod?: Input<PodArgs>;
  /** Pull policy of the server's image: `Always`, `IfNotPresent` or `Never`; Kubernetes' default (`Always` for `:latest`, else `IfNotPresent`) when unset. */
  imagePullPolicy?: Input<string>;
  /** A PodDisruptionBudget for the server's pod. */
  podDisruptionBudget?: Input<PodDisruptionBudgetArgs>;
}
