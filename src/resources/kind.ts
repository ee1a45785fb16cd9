/**
 * What a resource kind of the DittoFS server's REST API is to the provider: its properties as data (the one source of
 * `check`, `diff`, schema.json and the TypeScript classes) and the REST calls that create, read, update and delete it.
 * The provider's generic code (src/resources/lifecycle.ts) adds everything kinds share: secrets, unknowns, adoption,
 * idempotent deletes, imports.
 */
import type { ApiClient } from "./api-client";

/** A property as JSON Schema, with Pulumi's flags. */
export interface PropertySchema {
  type: "string" | "integer" | "number" | "boolean" | "object" | "array";
  /** The property's documentation; states the default in its sentence ("Defaults to `user`."). */
  description: string;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  /** Array items. */
  items?: PropertySchema;
  /** An object's fields (with `required`), or a map's values (`additionalProperties`). */
  properties?: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties?: PropertySchema | false;
  /** Kept secret in the state, masked in every diff, never quoted in an error. */
  secret?: boolean;
  /** A change replaces the resource: the server keys it by this value, or cannot change it in place. */
  replaceOnChanges?: boolean;
}

/** A failure of `check`: the property path and why, as the engine prints it. */
export interface Failure {
  property: string;
  reason: string;
}

/** What the server holds, in the kind's input terms, and what it computed. */
export interface Observed<I> {
  inputs: I;
  outputs?: Record<string, unknown>;
}

export interface ResourceKind<I = Record<string, unknown>> {
  /** The class name: the type token is `dittofs:index:<name>`. */
  name: string;
  /** What one resource is, for the schema and the SDKs. */
  description: string;
  inputs: Record<string, PropertySchema>;
  requiredInputs: string[];
  /** What the server computes, beyond the inputs (each always present after create). */
  outputs?: Record<string, PropertySchema>;
  /** The resource's id: its natural key on the server, what `pulumi import` takes. */
  id(inputs: I): string;
  /** The key inputs an id names; throws with the expected shape when the id is malformed. */
  keyOf(id: string): Partial<I>;
  /** Cross-field rules the schema cannot say; each failure names its property path. */
  rules?(inputs: I): Failure[];
  /** Creates it; the outputs the server computed. A 409 (ApiError) means it exists already. */
  create(api: ApiClient, inputs: I): Promise<Record<string, unknown> | void>;
  /**
   * The resource as the server has it, undefined when it is gone. A value the server never returns (a password) is
   * taken from `known` (the inputs in the state; empty on import).
   */
  read(api: ApiClient, id: string, known: Partial<I>): Promise<Observed<I> | undefined>;
  /** Changes it in place (only inputs without `replaceOnChanges` differ). */
  update(api: ApiClient, id: string, olds: I, news: I): Promise<Record<string, unknown> | void>;
  /** Deletes it; a resource already gone is not an error (lifecycle.ts treats a 404 as done). */
  delete(api: ApiClient, id: string, inputs: I): Promise<void>;
}
