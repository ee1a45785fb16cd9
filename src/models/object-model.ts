/**
 * An object model: what one release of the DittoFS operator creates for a DittoServer, as this package renders it.
 * The pipeline is the same for every model and for both faces (the component and `dittofs render`):
 *
 *   args ──resolveServer──▶ ResolvedServer ──model.plan──▶ ServerPlan ──(secret material)──▶ model.seal ──▶ hash and
 *   owned Secret data ──model.objects──▶ the children, in creation order
 *
 * Shared steps live in src/resolve/ (validation) and src/secrets/ (material and the hash); each model says only what
 * differs: its spec schema (generated from its CRD), its cross-field rules, where its secrets come from, its config
 * file and its objects.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ValidateFunction } from "ajv";
import type { ComponentFields } from "../resolve/component-fields";
import type { SecretPlan, SecretMaterial, SealedSecrets } from "../secrets/types";

/** Which `secretValues` were given: their presence (never their values) shapes the objects. */
export interface SecretValuePresence {
  jwtSecret: boolean;
  adminInitialPassword: boolean;
  postgresConnection: boolean;
  s3: boolean;
  s3Endpoint: boolean;
}

/** A validated DittoServer: its spec with defaults applied, and the component-only fields. */
export interface ResolvedServer<Spec> extends ComponentFields {
  name: string;
  spec: Spec;
}

/** Everything the builders need but secret material: pure data, the same for the component and render. */
export interface ServerPlan<Spec, Refs = unknown> extends ResolvedServer<Spec> {
  /** Where each secret the pod reads comes from, in the model's terms (env and volume builders use these). */
  refs: Refs;
  /** What the deployment reads, generates and owns (the shared secret steps use these). */
  secrets: SecretPlan;
  /** The server's config file. */
  config: string;
}

export interface RuleResult {
  problems: string[];
  warnings: string[];
}

/** The digest and the owned Secrets' data (base64), plain (render) or Outputs (the component). */
export interface SealedInputs {
  configHash: pulumi.Input<string>;
  ownedData: Record<string, pulumi.Input<Record<string, string>>>;
}

/** The Pulumi resource class a child is registered with. */
export type ChildKind =
  | "Secret"
  | "ConfigMap"
  | "Service"
  | "StatefulSet"
  | "NetworkPolicy"
  | "PodDisruptionBudget"
  | "CustomResource";

/** One child object: its manifest and how the component registers it. */
export interface ChildObject {
  kind: ChildKind;
  /** The child's Pulumi logical name; released names never change. */
  logicalName: string;
  manifest: Record<string, any>;
  /** Kept on `pulumi destroy` (the resource option `retainOnDelete`). */
  retainOnDelete?: boolean;
  /** Created after these children (logical names), as the operator's reconcile orders them. */
  dependsOn?: string[];
}

/** The component's endpoint outputs: plain strings from the plan ("" when absent). */
export interface Endpoints {
  nfsEndpoint: string;
  apiEndpoint: string;
  /** `http://<apiEndpoint>`, `https://` when the API serves TLS: a dittofs.Provider's endpoint inside the cluster. */
  apiUrl: string;
  smbEndpoint: string;
  metricsEndpoint: string;
}

/** The admin's username, and where its initial password comes from: generated or passed in, or a user's Secret. */
export interface AdminLogin {
  username: string;
  password: "adminInitialPassword" | { secret: string; key: string };
}

/** A row of a model's "Differences from the operator" table: what this package does, and why. */
export interface Difference {
  id: string;
  rule: string;
  reason: string;
}

export interface ObjectModel<Spec = any, Refs = any> {
  /** The `operatorRelease` value that selects this model. */
  readonly release: string;
  /** The patched CRD schema, compiled ahead of time: validates and applies the defaults in place. */
  readonly validateSpec: ValidateFunction;
  /** The patched CRD schema itself (for stand-in values of fields that are Outputs). */
  readonly specSchema: Record<string, any>;
  /**
   * Spec fields (dotted, from the spec root) whose whole value decides which objects exist or which Secrets are read:
   * they must be known when the program runs. A test proves that changing any other field changes neither.
   */
  readonly decidingFields: readonly string[];
  /** Spec objects whose presence decides, though their leaves may be Outputs. */
  readonly presenceFields: readonly string[];
  /**
   * Fields of the other model (dotted, from the args' root): each is rejected with its message, which says what
   * replaced it, before the schema would call it an unknown field.
   */
  readonly foreignFields: Readonly<Record<string, string>>;
  /** The rules the CRD schema cannot state (the webhook's and this package's), on a schema-valid spec. */
  rules(server: ResolvedServer<Spec>, typeWasSet: boolean): RuleResult;
  plan(server: ResolvedServer<Spec>): ServerPlan<Spec, Refs>;
  /** Checks the whole secret material and derives the hash entries from it. */
  seal(plan: ServerPlan<Spec, Refs>, material: SecretMaterial): SealedSecrets;
  /** One owned Secret's data (plain text), from its own material only (`SecretPlan.owned[].from`), checked. */
  ownedData(
    plan: ServerPlan<Spec, Refs>,
    role: string,
    material: SecretMaterial,
  ): Record<string, string>;
  objects(plan: ServerPlan<Spec, Refs>, sealed: SealedInputs): ChildObject[];
  endpoints(plan: ServerPlan<Spec, Refs>): Endpoints;
  /** The admin login the server is deployed with: what a dittofs.Provider logs in as. */
  admin(plan: ServerPlan<Spec, Refs>): AdminLogin;
}
