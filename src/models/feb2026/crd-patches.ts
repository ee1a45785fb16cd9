/**
 * How the Feb 2026 model's spec schema differs from the operator's CRD (`spec` of its `openAPIV3Schema`). Used by
 * `npm run generate` only: the generator copies the CRD's schema, applies `patchCrdSpec`, closes every object
 * (unknown fields are errors), and compiles the validator and the resolved spec type from the result.
 */
import {
  DEFAULT_CONTAINER_SECURITY_CONTEXT,
  DEFAULT_POD_SECURITY_CONTEXT,
  SPEC_DEFAULTS,
} from "./constants";

type Schema = Record<string, any>;

/** Objects the operator reads with Go zero values when absent: default them to `{}` so nested defaults apply. */
const DEFAULT_EMPTY_OBJECTS = [
  "cache",
  "controlPlane",
  "database",
  "database.sqlite",
  "identity",
  "identity.jwt",
  "identity.admin",
  "metrics",
  "service",
  "smb",
  "smb.timeouts",
  "smb.credits",
  "percona",
  "percona.backup",
];

const QUANTITY_PATTERN = "^[0-9]+(Gi|Mi|Ti)$";

/** The spec's top-level fields that hold integers. */
const INTEGER_FIELDS = [
  "replicas",
  "nfsPort",
  "controlPlane",
  "metrics",
  "smb",
  "percona",
  "securityContext",
  "podSecurityContext",
];
const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };

/** Every `format: int32` integer gets the int32 range as its bounds where the CRD states none. */
function boundInt32(schema: Schema): void {
  if (schema.type === "integer" && schema.format === "int32") {
    schema.minimum ??= INT32.minimum;
    schema.maximum ??= INT32.maximum;
  }
  for (const child of Object.values(schema.properties ?? {})) boundInt32(child as Schema);
  if (schema.items) boundInt32(schema.items);
  if (typeof schema.additionalProperties === "object") boundInt32(schema.additionalProperties);
}

export function patchCrdSpec(at: (dotted: string) => Schema): void {
  // The CRD YAML says 2049 and 445; the operator's Go markers, controller and webhook say 12049 and 12445
  // (README, differences: nfs-port-default, smb-port-default).
  at("nfsPort").default = SPEC_DEFAULTS.nfsPort;
  at("smb.port").default = SPEC_DEFAULTS.smbPort;

  // The claim that keeps the control-plane database across restarts (differences: controlplane-volume).
  at("storage").properties.controlPlaneSize = {
    description:
      "Size for the control-plane PVC (mounted at /data/controlplane), which keeps the SQLite control-plane database " +
      "(users, shares, adapters) across pod restarts.",
    type: "string",
    pattern: QUANTITY_PATTERN,
    default: SPEC_DEFAULTS.controlPlaneSize,
  };

  const admin = at("identity.admin");
  admin.properties.initialPasswordSecretRef = {
    ...structuredClone(admin.properties.passwordSecretRef),
    description:
      "Reference to a Secret key holding the admin user's initial password in plain text (8 to 72 characters), " +
      "applied when the server creates the admin user on first start.",
  };

  // The generated JWT secret is wanted without the `secretRef: {key: <anything>}` trick (differences: jwt-secretref-optional).
  const jwt = at("identity.jwt");
  jwt.required = (jwt.required ?? []).filter((r: string) => r !== "secretRef");
  if (jwt.required.length === 0) delete jwt.required;

  for (const dotted of DEFAULT_EMPTY_OBJECTS) at(dotted).default = {};
  at("resources").default = {};
  // Hardened by default; a given context replaces its default whole, as the operator copies it (differences: hardening).
  at("securityContext").default = DEFAULT_CONTAINER_SECURITY_CONTEXT;
  at("podSecurityContext").default = DEFAULT_POD_SECURITY_CONTEXT;

  // Enums of core/v1 the CRD's copy of the Kubernetes types leaves as plain strings (the API server enforces them).
  for (const ctx of ["securityContext", "podSecurityContext"]) {
    at(`${ctx}.seccompProfile.type`).enum = ["Localhost", "RuntimeDefault", "Unconfined"];
    at(`${ctx}.appArmorProfile.type`).enum = ["Localhost", "RuntimeDefault", "Unconfined"];
  }
  at("securityContext.procMount").enum = ["Default", "Unmasked"];
  at("podSecurityContext.fsGroupChangePolicy").enum = ["OnRootMismatch", "Always"];

  // `format: int32` fields the operator decodes into Go int32s: a value beyond that range could not be read.
  for (const field of INTEGER_FIELDS) boundInt32(at(field));

  // Percona's CRD (v2.8.2) is stricter than the operator's about what it copies there.
  at("percona.backup.fullSchedule").minLength = 6;
  at("percona.backup.incrSchedule").minLength = 6;
  Object.assign(at("percona.databaseName"), { minLength: 1, maxLength: 63 });
}
