/**
 * Generates the DittoServer spec validator from the operator's CRD.
 *
 * The CRD's `openAPIV3Schema` already states every type, enum, bound, pattern and default, so the component validates
 * and defaults with ajv against a copy of it instead of re-typing the rules. This script copies the `spec` schema,
 * applies the patches decisions.md asks for, and compiles it ahead of time (ajv standalone code), so `dittofs render`
 * never compiles a schema at run time.
 *
 *   npm run gen:validator            # writes src/generated/*
 *   npm run gen:validator -- --check # exits 1 when the committed files are stale
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { parse } from "yaml";
import { SPEC_DEFAULT_PATCHES } from "../src/defaults";

type Schema = Record<string, any>;

const ROOT = path.resolve(__dirname, "..");
const CRD = path.join(
  ROOT,
  "..",
  "shared",
  "reference",
  "operator-feb2026",
  "dittofs.dittofs.com_dittoservers.yaml",
);
const OUT_DIR = path.join(ROOT, "src", "generated");
const QUANTITY_PATTERN = "^[0-9]+(Gi|Mi|Ti)$";

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

function at(schema: Schema, dotted: string): Schema {
  return dotted.split(".").reduce((s, key) => {
    const next = s.properties?.[key];
    if (!next) throw new Error(`CRD schema has no property ${dotted}`);
    return next;
  }, schema);
}

/** Kubernetes rejects unknown fields of a typed object; so do we (a typo must not pass silently). */
function closeObjects(schema: Schema): void {
  if (schema.type === "object" && schema.properties && schema.additionalProperties === undefined) {
    schema.additionalProperties = false;
  }
  for (const child of Object.values(schema.properties ?? {})) closeObjects(child as Schema);
  if (schema.items) closeObjects(schema.items);
  if (typeof schema.additionalProperties === "object") closeObjects(schema.additionalProperties);
}

export function patchedSpecSchema(crdYaml: string): Schema {
  const crd = parse(crdYaml);
  const spec: Schema = structuredClone(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec);

  at(spec, "nfsPort").default = SPEC_DEFAULT_PATCHES.nfsPort;
  at(spec, "smb.port").default = SPEC_DEFAULT_PATCHES.smbPort;

  at(spec, "storage").properties.controlPlaneSize = {
    description:
      "Size for the control-plane PVC (mounted at /data/controlplane), which keeps the SQLite control-plane database " +
      "(users, shares, adapters) across pod restarts.",
    type: "string",
    pattern: QUANTITY_PATTERN,
    default: SPEC_DEFAULT_PATCHES.controlPlaneSize,
  };

  const admin = at(spec, "identity.admin");
  admin.properties.initialPasswordSecretRef = {
    ...structuredClone(admin.properties.passwordSecretRef),
    description:
      "Reference to a Secret key holding the admin user's initial password in plain text (8 to 72 characters), " +
      "applied when the server creates the admin user on first start.",
  };

  // The generated JWT secret is wanted without the `secretRef: {key: <anything>}` trick (§9 Q19).
  const jwt = at(spec, "identity.jwt");
  jwt.required = (jwt.required ?? []).filter((r: string) => r !== "secretRef");
  if (jwt.required.length === 0) delete jwt.required;

  for (const dotted of DEFAULT_EMPTY_OBJECTS) at(spec, dotted).default = {};

  // Enums of core/v1 the CRD's copy of the Kubernetes types leaves as plain strings (the API server enforces them).
  for (const ctx of ["securityContext", "podSecurityContext"]) {
    at(spec, `${ctx}.seccompProfile.type`).enum = ["Localhost", "RuntimeDefault", "Unconfined"];
    at(spec, `${ctx}.appArmorProfile.type`).enum = ["Localhost", "RuntimeDefault", "Unconfined"];
  }
  at(spec, "securityContext.procMount").enum = ["Default", "Unmasked"];
  at(spec, "podSecurityContext.fsGroupChangePolicy").enum = ["OnRootMismatch", "Always"];

  // Percona's CRD (v2.8.2) is stricter than the operator's about what it copies there.
  at(spec, "percona.backup.fullSchedule").minLength = 6;
  at(spec, "percona.backup.incrSchedule").minLength = 6;
  Object.assign(at(spec, "percona.databaseName"), { minLength: 1, maxLength: 63 });

  closeObjects(spec);
  return spec;
}

export function compileValidator(schema: Schema): string {
  const ajv = new Ajv({
    strict: false, // the CRD carries x-kubernetes-* keywords
    allErrors: true,
    useDefaults: true,
    validateFormats: false, // int32 is enforced by minimum/maximum
    code: { source: true, esm: true, lines: true },
  });
  const validate = ajv.compile(schema);
  return standaloneCode(ajv, validate);
}

export function generatedFiles(crdYaml: string): Record<string, string> {
  const schema = patchedSpecSchema(crdYaml);
  const header = "// Generated by scripts/gen-validator.ts from the operator's CRD. Do not edit.\n";
  return {
    "spec-schema.json": JSON.stringify(schema, null, 2) + "\n",
    "validate-spec.ts": `${header}/* eslint-disable */\n// @ts-nocheck\n${compileValidator(schema)}\n`,
  };
}

function main(): void {
  const files = generatedFiles(fs.readFileSync(CRD, "utf8"));
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(OUT_DIR, name);
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current === text) continue;
    if (check) {
      console.error(`stale: src/generated/${name} (run npm run gen:validator)`);
      stale++;
    } else {
      fs.mkdirSync(OUT_DIR, { recursive: true });
      fs.writeFileSync(target, text);
      console.log(`wrote src/generated/${name}`);
    }
  }
  if (stale) process.exit(1);
}

if (require.main === module) main();
