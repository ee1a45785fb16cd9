import type { PropertySchema, ResourceKind } from "./kind";

/** The input every kind has: consent to take over an identical object that is already on the server. */
export const ADOPT: PropertySchema = {
  type: "boolean",
  default: false,
  description:
    "Take over an object with the same key that already exists on the server (the server answers 409 to the create) when every readable input matches it; its secret inputs are then written. When anything differs the create still fails, naming the fields. Defaults to `false`.",
};

/** A kind's inputs with the common ones. */
export function inputSchemas(kind: ResourceKind<any>): Record<string, PropertySchema> {
  return { ...kind.inputs, adopt: ADOPT };
}
