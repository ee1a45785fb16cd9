/**
 * The DittoServer as the v0.29 operator reads it: the CR defaulted by the API server with the v0.29 CRD, and the
 * controller's own fallbacks applied once. Part of the independent operator model (not from src/).
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { parse } from "yaml";
import { REFERENCE } from "../../helpers/samples";
import type { Obj } from "../../helpers/objects";

const CRD_PATH = path.join(REFERENCE, "operator-jul2026", "dittofs.dittofs.com_dittoservers.yaml");

let defaulter: ((spec: Obj) => boolean) | undefined;

/** The API server's defaulting with the v0.29 CRD: nested defaults only inside objects that are given. */
export function crdDefaulted(spec: Obj): Obj {
  if (!defaulter) {
    const crd = parse(fs.readFileSync(CRD_PATH, "utf8"));
    const schema = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    defaulter = new Ajv({ strict: false, useDefaults: true, validateFormats: false }).compile(
      schema,
    );
  }
  const copy = structuredClone(spec);
  if (!defaulter(copy)) throw new Error("the spec is not valid against the v0.29 operator's CRD");
  return copy;
}

/** What the owner reference's uid stands for: the DittoServer's, assigned by the API server. */
const OWNER_UID = "<uid of the DittoServer>";
/** Values only the operator's run time knows (tokens, its own user's password). */
export const RUNTIME_VALUE = "<runtime>";
export const GENERATED_VALUE = "<generated>";

export const selectorLabels = (name: string) => ({ app: "dittofs-server", instance: name });
export const ref = (name: string, key: string, optional?: boolean) => ({
  secretKeyRef: { name, key, ...(optional ? { optional: true } : {}) },
});
export const named = (r: Obj | undefined): r is Obj => r !== undefined && !!r.name;

/** Everything the model needs about the CR, with the operator's fallbacks applied once. */
export interface Server {
  name: string;
  namespace: string;
  spec: Obj;
  apiPort: number;
  metricsPort: number;
  metricsPath: string;
  meta: (n: string, extra?: Obj) => Obj;
}

export function server(cr: Obj): Server {
  const name: string = cr.metadata.name;
  const namespace: string = cr.metadata.namespace ?? "default";
  const spec = crdDefaulted(cr.spec);
  const owner = {
    apiVersion: "dittofs.dittofs.com/v1alpha1",
    kind: "DittoServer",
    name,
    uid: OWNER_UID,
    controller: true,
    blockOwnerDeletion: true,
  };
  return {
    name,
    namespace,
    spec,
    apiPort: spec.controlPlane?.port || 8080,
    metricsPort: spec.metrics?.port > 0 ? spec.metrics.port : 9090,
    metricsPath: spec.metrics?.path || "/metrics",
    meta: (n, extra = {}) => ({ name: n, namespace, ...extra, ownerReferences: [owner] }),
  };
}
