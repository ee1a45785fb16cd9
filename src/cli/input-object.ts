/** What every input object of render shares: the error type of bad input, and the object's name and namespace. */
import { quote } from "../resolve/errors";
import { isDns1123Label } from "../resolve/k8s-names";

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function metadataOf(
  obj: Record<string, any>,
  where: string,
): { name: string; namespace?: string } {
  const metadata: unknown = obj.metadata;
  if (metadata !== undefined && !isMap(metadata))
    throw new InputError(`${where}: metadata must be a map`);
  const name = metadata?.name;
  if (typeof name !== "string" || name === "")
    throw new InputError(`${where}: metadata.name is required (a string)`);
  const namespace = metadata?.namespace;
  if (namespace !== undefined && (typeof namespace !== "string" || !isDns1123Label(namespace)))
    throw new InputError(
      `${where}: metadata.namespace: ${quote(String(namespace))} must be a DNS-1123 label`,
    );
  return { name, namespace };
}
