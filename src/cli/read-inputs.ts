/** Reads `-f` files: DittoServer CRs and the Kubernetes Secrets that stand in for the cluster's. */
import { parseAllDocuments } from "yaml";

export const DITTOSERVER_API_VERSION = "dittofs.dittofs.com/v1alpha1";

export interface ServerDocument {
  name: string;
  namespace?: string;
  spec: Record<string, unknown>;
  source: string;
}

export interface SecretDocument {
  name: string;
  namespace?: string;
  /** base64 values, as in `data`; `stringData` is merged in over `data`, as the API server does. */
  data: Record<string, string>;
}

export interface Inputs {
  servers: ServerDocument[];
  secrets: SecretDocument[];
}

export class InputError extends Error {}

export function readInputs(files: Array<{ path: string; text: string }>): Inputs {
  const servers: ServerDocument[] = [];
  const secrets: SecretDocument[] = [];
  for (const file of files) {
    parseAllDocuments(file.text).forEach((doc, index) => {
      const where = `${file.path} (document ${index + 1})`;
      if (doc.errors.length > 0) throw new InputError(`${where}: ${doc.errors[0].message}`);
      const obj = doc.toJS() as Record<string, any> | null;
      if (obj === null || obj === undefined) return;
      if (typeof obj !== "object" || Array.isArray(obj))
        throw new InputError(`${where}: not a Kubernetes object`);
      const name = obj.metadata?.name;
      if (typeof name !== "string" || name === "")
        throw new InputError(`${where}: metadata.name is required`);
      const namespace = obj.metadata?.namespace as string | undefined;
      if (obj.apiVersion === DITTOSERVER_API_VERSION && obj.kind === "DittoServer") {
        if (typeof obj.spec !== "object" || obj.spec === null)
          throw new InputError(`${where}: spec is required`);
        servers.push({ name, namespace, spec: obj.spec, source: where });
      } else if (obj.apiVersion === "v1" && obj.kind === "Secret") {
        const data: Record<string, string> = { ...(obj.data ?? {}) };
        for (const [k, v] of Object.entries(obj.stringData ?? {}))
          data[k] = Buffer.from(String(v), "utf8").toString("base64");
        secrets.push({ name, namespace, data });
      } else {
        throw new InputError(
          `${where}: ${obj.apiVersion}/${obj.kind} is not supported (expected ${DITTOSERVER_API_VERSION} DittoServer or v1 Secret)`,
        );
      }
    });
  }
  return { servers, secrets };
}
