/**
 * How the v0.29 model's spec schema differs from the operator's CRD of release v0.29.0. Used by `npm run generate`
 * only (see the Feb model's crd-patches.ts for how the generator applies it).
 */
import {
  DEFAULT_ADAPTERS,
  DEFAULT_POD_SECURITY_CONTEXT,
  TERMINATION_GRACE_PERIOD_SECONDS,
} from "./constants";

type Schema = Record<string, any>;

/** Objects the operator reads with Go zero values when absent: default them to `{}` so nested defaults apply. */
const DEFAULT_EMPTY_OBJECTS = [
  "adapterServices",
  "controlPlane",
  "database",
  "database.sqlite",
  "identity",
  "identity.jwt",
  "identity.admin",
  "logging",
  "metrics",
  "metrics.serviceMonitor",
  "percona",
  "percona.backup",
  "service",
];

export function patchCrdSpec(at: (dotted: string) => Schema): void {
  // What the operator discovers at run time is declared (differences: declared-adapters).
  at("").properties.adapters = {
    description:
      "Adapters the server runs (the server's own adapters: NFS on 12049 and SMB on 1445 after its first start). " +
      "Each gets its Service, container ports and NetworkPolicy.",
    type: "array",
    default: DEFAULT_ADAPTERS,
    items: {
      type: "object",
      required: ["type", "port"],
      properties: {
        type: { type: "string", minLength: 1 },
        port: { type: "integer", minimum: 1, maximum: 65535 },
      },
    },
  };

  // The generated JWT secret is wanted without the `secretRef: {key: <anything>}` trick (differences: jwt-secretref-optional).
  const jwt = at("identity.jwt");
  jwt.required = (jwt.required ?? []).filter((r: string) => r !== "secretRef");
  if (jwt.required.length === 0) delete jwt.required;

  for (const dotted of DEFAULT_EMPTY_OBJECTS) at(dotted).default = {};
  // The controller's fallbacks, as schema defaults.
  Object.assign(at("logging.level"), { default: "INFO" });
  Object.assign(at("logging.format"), { default: "json" });
  Object.assign(at("logging.output"), { default: "stdout" });
  at("terminationGracePeriodSeconds").default = TERMINATION_GRACE_PERIOD_SECONDS;
  at("podSecurityContext").default = DEFAULT_POD_SECURITY_CONTEXT;
  // The container's is merged with the hardening under the user's fields (pod-template.ts).
  at("securityContext").default = {};
  at("resources").default = {};
  for (const flag of [
    "enabled",
    "startTLS",
    "allowPlaintext",
    "nestedGroups",
    "insecureSkipVerify",
  ])
    at(`identity.ldap.${flag}`).default = false;
  at("identity.kerberos.enabled").default = false;
  at("identity.kerberos.machineAccount.enabled").default = false;

  // Enums of core/v1 the CRD's copy of the Kubernetes types leaves as plain strings (the API server enforces them).
  for (const ctx of ["securityContext", "podSecurityContext"]) {
    at(`${ctx}.seccompProfile.type`).enum = ["Localhost", "RuntimeDefault", "Unconfined"];
    at(`${ctx}.appArmorProfile.type`).enum = ["Localhost", "RuntimeDefault", "Unconfined"];
  }
  at("securityContext.procMount").enum = ["Default", "Unmasked"];
  at("podSecurityContext.fsGroupChangePolicy").enum = ["OnRootMismatch", "Always"];

  // prometheus-operator's ServiceMonitor CRD takes only its own duration syntax (30s, 1m30s, 1h) for the interval.
  at("metrics.serviceMonitor.interval").pattern =
    "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

  // Percona's CRD (v2.8.2) is stricter than the operator's about what it copies there.
  at("percona.backup.fullSchedule").minLength = 6;
  at("percona.backup.incrSchedule").minLength = 6;
  Object.assign(at("percona.databaseName"), { minLength: 1, maxLength: 63 });
}
