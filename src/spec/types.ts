/**
 * The resolved DittoServer spec: the CRD spec after validation and defaulting (plain values, defaults filled in).
 * Field meanings and defaults are documented once, on the args in `src/args.ts`.
 */
export interface SecretKeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

export interface ResolvedSpec {
  image: string;
  replicas: number;
  nfsPort: number;
  storage: {
    metadataSize: string;
    contentSize?: string;
    cacheSize: string;
    controlPlaneSize: string;
    storageClassName?: string;
  };
  database: {
    type: "sqlite" | "postgres";
    sqlite: { path: string };
    postgresSecretRef?: SecretKeySelector;
  };
  cache: { path: string; size: string };
  metrics: { enabled: boolean; port: number };
  controlPlane: { port: number };
  identity: {
    type: "memory";
    jwt: {
      secretRef?: SecretKeySelector;
      accessTokenDuration: string;
      refreshTokenDuration: string;
      issuer: string;
    };
    admin: {
      username: string;
      passwordSecretRef?: SecretKeySelector;
      initialPasswordSecretRef?: SecretKeySelector;
    };
  };
  service: {
    type: "ClusterIP" | "NodePort" | "LoadBalancer";
    annotations?: Record<string, string>;
  };
  smb: {
    enabled: boolean;
    port: number;
    maxConnections: number;
    maxRequestsPerConnection: number;
    metricsLogInterval: string;
    timeouts: { read: string; write: string; idle: string; shutdown: string };
    credits: {
      strategy: "fixed" | "echo" | "adaptive";
      minGrant: number;
      maxGrant: number;
      initialGrant: number;
      maxSessionCredits: number;
      loadThresholdHigh: number;
      loadThresholdLow: number;
      aggressiveClientThreshold: number;
    };
  };
  s3?: {
    credentialsSecretRef?: {
      secretName: string;
      accessKeyIdKey: string;
      secretAccessKeyKey: string;
      endpointKey: string;
    };
    region: string;
    bucket?: string;
  };
  percona: {
    enabled: boolean;
    deleteWithServer: boolean;
    replicas: number;
    storageSize: string;
    storageClassName?: string;
    databaseName: string;
    backup: {
      enabled: boolean;
      credentialsSecretRef?: { name: string };
      bucket?: string;
      endpoint?: string;
      region: string;
      fullSchedule: string;
      incrSchedule: string;
      retentionDays: number;
    };
  };
  resources?: Record<string, unknown>;
  securityContext?: Record<string, unknown>;
  podSecurityContext?: Record<string, unknown>;
}

/** Which secret values the user passed in (their presence decides which Secrets the component owns). */
export interface SecretValuePresence {
  jwtSecret: boolean;
  adminInitialPassword: boolean;
  postgresConnection: boolean;
  s3: boolean;
  s3Endpoint: boolean;
}

/** Everything the builders need besides secret material: the resolved spec and the component-only fields. */
export interface ServerPlanInput {
  name: string;
  namespace: string;
  spec: ResolvedSpec;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  values: SecretValuePresence;
}
