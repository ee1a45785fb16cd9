/** The v0.29 object model: what the DittoFS operator of release v0.29.0 converges to, as this package renders it. */
import type { ValidateFunction } from "ajv";
import specSchema from "../../generated/v029/spec-schema.json";
import generatedValidator from "../../generated/v029/validate-spec";
import type { Spec as V029Spec } from "../../generated/v029/spec";
import { adapterName, objectNames, serviceEndpoint } from "../../naming";
import type { ObjectModel } from "../object-model";
import { declaredAdapters } from "./adapters";
import { v029Objects } from "./objects";
import { planV029, type V029Plan } from "./plan";
import { v029Rules } from "./rules";
import { sealV029, v029OwnedData } from "./seal";
import type { V029Refs } from "./secret-sources";

const REMOVED = "removed in DittoFS operator v0.29";
const KEEP_FEB =
  'set operatorRelease: "2026-02" (dittofs render: --operator-release 2026-02) to keep the Feb object model';

export const V029: ObjectModel<V029Spec, V029Refs> = {
  release: "v0.29",
  validateSpec: generatedValidator as unknown as ValidateFunction,
  specSchema,
  decidingFields: [
    "metrics.enabled",
    "metrics.serviceMonitor.enabled",
    "metrics.bearerTokenSecret",
    "percona.enabled",
    "percona.deleteWithServer",
    "identity.jwt.secretRef",
    "identity.admin.passwordSecretRef",
    "identity.ldap.bindPasswordSecretRef",
    "identity.kerberos.enabled",
    "identity.kerberos.keytabSecretRef",
    "identity.kerberos.krb5ConfSecretRef",
    "identity.kerberos.machineAccount.enabled",
    "identity.kerberos.machineAccount.secretRef",
    "identity.kerberos.machineAccount.keytabSecretRef",
    "database.postgresSecretRef",
    "controlPlane.certSecretName",
    "controlPlane.clientCASecretName",
    "adapters",
  ],
  presenceFields: ["identity.ldap", "identity.kerberos", "identity.kerberos.machineAccount"],
  foreignFields: {
    nfsPort: `${REMOVED} — the NFS port is the nfs adapter's, declared in spec.adapters; ${KEEP_FEB}`,
    smb: `${REMOVED} — adapters are declared in spec.adapters; ${KEEP_FEB}`,
    s3: `${REMOVED} — S3 credentials are given per payload store through the server's REST API; ${KEEP_FEB}`,
    cache: `${REMOVED} — the server sizes its block cache itself; ${KEEP_FEB}`,
    "storage.cacheSize": `${REMOVED} — there is no cache volume (storage.controlPlaneSize sizes the control-plane volume); ${KEEP_FEB}`,
    "identity.jwt.issuer": `${REMOVED} — the server always uses the issuer dittofs; ${KEEP_FEB}`,
    "identity.admin.initialPasswordSecretRef": `not in the v0.29 model — identity.admin.passwordSecretRef is the initial password there; ${KEEP_FEB}`,
    "secretValues.s3": `not in the v0.29 model — S3 credentials are given per payload store through the server's REST API; ${KEEP_FEB}`,
  },
  rules: v029Rules,
  plan: planV029,
  seal: sealV029,
  ownedData: v029OwnedData,
  objects: v029Objects,
  endpoints: (plan: V029Plan) => {
    const names = objectNames(plan.name);
    const { spec, namespace } = plan;
    const adapter = (type: string) => {
      const a = declaredAdapters(spec).find((x) => x.type === type);
      return a ? serviceEndpoint(adapterName(plan.name, type), namespace, a.port) : "";
    };
    return {
      nfsEndpoint: adapter("nfs"),
      apiEndpoint: serviceEndpoint(names.apiService, namespace, spec.controlPlane.port),
      apiUrl: `${spec.controlPlane.certSecretName ? "https" : "http"}://${serviceEndpoint(names.apiService, namespace, spec.controlPlane.port)}`,
      smbEndpoint: adapter("smb"),
      metricsEndpoint: spec.metrics.enabled
        ? serviceEndpoint(names.metricsService, namespace, spec.metrics.port)
        : "",
    };
  },
  admin: (plan: V029Plan) => ({
    username: plan.spec.identity.admin.username,
    password: plan.refs.admin.owned
      ? "adminInitialPassword"
      : { secret: plan.refs.admin.secret, key: plan.refs.admin.key },
  }),
};
