/** The Feb 2026 object model: what the DittoFS operator of February 2026 creates, as this package renders it. */
import type { ValidateFunction } from "ajv";
import specSchema from "../../generated/feb2026/spec-schema.json";
import generatedValidator from "../../generated/feb2026/validate-spec";
import type { Spec as FebSpec } from "../../generated/feb2026/spec";
import { objectNames, serviceEndpoint } from "../../naming";
import type { ObjectModel } from "../object-model";
import { febObjects } from "./objects";
import { planFeb, type FebPlan } from "./plan";
import { febRules } from "./rules";
import { febOwnedData, sealFeb } from "./seal";
import type { FebRefs } from "./secret-sources";

export const FEB2026: ObjectModel<FebSpec, FebRefs> = {
  release: "2026-02",
  validateSpec: generatedValidator as unknown as ValidateFunction,
  specSchema,
  decidingFields: [
    "metrics.enabled",
    "percona.enabled",
    "percona.deleteWithServer",
    "identity.jwt.secretRef",
    "identity.admin.passwordSecretRef",
    "identity.admin.initialPasswordSecretRef",
    "database.postgresSecretRef",
    "s3.credentialsSecretRef",
  ],
  presenceFields: ["s3"],
  foreignFields: Object.fromEntries(
    [
      "adapters",
      "adapterServices",
      "adapterDiscovery",
      "logging",
      "snapshotPolicies",
      "terminationGracePeriodSeconds",
      "controlPlane.tls",
      "controlPlane.certSecretName",
      "controlPlane.clientCASecretName",
      "identity.ldap",
      "identity.kerberos",
      "metrics.path",
      "metrics.bearerTokenSecret",
      "metrics.serviceMonitor",
    ].map((field) => [
      field,
      'new in DittoFS operator v0.29, not in the Feb object model; set operatorRelease: "v0.29" (the default; dittofs render: --operator-release v0.29) to use it',
    ]),
  ),
  rules: febRules,
  plan: planFeb,
  seal: sealFeb,
  ownedData: febOwnedData,
  objects: febObjects,
  endpoints: (plan: FebPlan) => {
    const names = objectNames(plan.name);
    const { spec, namespace } = plan;
    return {
      nfsEndpoint: serviceEndpoint(names.fileService, namespace, spec.nfsPort),
      apiEndpoint: serviceEndpoint(names.apiService, namespace, spec.controlPlane.port),
      apiUrl: `http://${serviceEndpoint(names.apiService, namespace, spec.controlPlane.port)}`,
      smbEndpoint: spec.smb.enabled
        ? serviceEndpoint(names.fileService, namespace, spec.smb.port)
        : "",
      metricsEndpoint: spec.metrics.enabled
        ? serviceEndpoint(names.metricsService, namespace, spec.metrics.port)
        : "",
    };
  },
  // The server prefers the initial password to a configured hash: the initial one is the login.
  admin: (plan: FebPlan) => ({
    username: plan.spec.identity.admin.username,
    password: plan.refs.adminInitial.owned
      ? "adminInitialPassword"
      : { secret: plan.refs.adminInitial.secret, key: plan.refs.adminInitial.key },
  }),
};
