/**
 * Object names, labels and selectors: the operator's (`<name>-config`, `<name>-headless`, ...), from this file only.
 */
import { quote } from "./resolve/errors";

/**
 * `<name>` ends up in a pod's `controller-revision-hash` label (`<name>-` plus 10 characters, at most 63), so it must
 * be a DNS-1035 label (Service names are) of at most 52 characters; the operator does not check this and its
 * pods then never start.
 */
export const MAX_NAME_LENGTH = 52;
/** Service names must be DNS-1035 labels (a letter first), and every object name derives from `<name>`. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function nameProblems(name: string): string[] {
  if (!DNS1035_LABEL.test(name)) {
    return [
      `metadata.name: ${quote(name)} must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)`,
    ];
  }
  if (name.length > MAX_NAME_LENGTH) {
    return [
      `metadata.name: ${quote(name)} is ${name.length} characters; at most ${MAX_NAME_LENGTH} fit the StatefulSet's pod labels`,
    ];
  }
  return [];
}

export function objectNames(name: string) {
  return {
    statefulSet: name,
    podDisruptionBudget: name,
    configMap: `${name}-config`,
    headlessService: `${name}-headless`,
    baselinePolicy: `${name}-baseline`,
    fileService: `${name}-file`,
    apiService: `${name}-api`,
    metricsService: `${name}-metrics`,
    jwtSecret: `${name}-jwt-secret`,
    adminSecret: `${name}-admin-bootstrap-credentials`,
    postgresSecret: `${name}-postgres-connection`,
    s3Secret: `${name}-s3-credentials`,
    perconaCluster: `${name}-postgres`,
    /** Created by the Percona operator, never by us: referenced, never read. */
    perconaUserSecret: `${name}-postgres-pguser-dittofs`,
  };
}

/** `<name>-adapter-<type>`: an adapter's Service and NetworkPolicy (v0.29). */
export function adapterName(name: string, type: string): string {
  return `${name}-adapter-${type}`;
}

/** The operator's selector; never extended, so that user labels cannot orphan pods. */
export function selectorLabels(name: string): Record<string, string> {
  return { app: "dittofs-server", instance: name };
}

const RESERVED_LABELS = ["app", "instance"];

export function reservedLabelProblems(labels: Record<string, string>): string[] {
  return RESERVED_LABELS.filter((k) => k in labels).map(
    (k) => `labels.${k}: is reserved for the selector (app: dittofs-server, instance: <name>)`,
  );
}

/** In-cluster DNS endpoint of a Service port, as the operator's `status.nfsEndpoint` (always `cluster.local`). */
export function serviceEndpoint(service: string, namespace: string, port: number): string {
  return `${service}.${namespace}.svc.cluster.local:${port}`;
}
