import type { ErrorObject } from "ajv";
import { quote, show } from "./errors";

/** JSON pointer `/storage/metadataSize` → `spec.storage.metadataSize` (`root` "" for component-only fields). */
export function fieldPath(instancePath: string, child?: string, root = "spec"): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== undefined) parts.push(child);
  return (root ? [root, ...parts] : parts)
    .map((p, i) =>
      /^\d+$/.test(p)
        ? `[${p}]`
        : i === 0
          ? p
          : /^[A-Za-z_][\w-]*$/.test(p)
            ? `.${p}`
            : `[${quote(p)}]`,
    )
    .join("")
    .replace(/\.\[/g, "[");
}

function valueAt(root: unknown, instancePath: string): unknown {
  let node: any = root;
  for (const part of instancePath.split("/").slice(1))
    node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node;
}

/**
 * Turns ajv's errors into one line per field. An int-or-string quantity fails both branches of its `anyOf`; the
 * branch errors are folded into one line.
 */
export function formatSchemaErrors(errors: ErrorObject[], spec: unknown, root = "spec"): string[] {
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath),
  );
  const lines: string[] = [];
  for (const e of errors) {
    const value = valueAt(spec, e.instancePath);
    if (anyOfPaths.has(e.instancePath) && e.keyword !== "anyOf") continue;
    switch (e.keyword) {
      case "required":
        lines.push(`${fieldPath(e.instancePath, e.params.missingProperty, root)}: is required`);
        break;
      case "additionalProperties":
        lines.push(
          `${fieldPath(e.instancePath, e.params.additionalProperty, root)}: unknown field`,
        );
        break;
      case "pattern":
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} must match ${e.params.pattern}`,
        );
        break;
      case "enum":
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} must be one of ${e.params.allowedValues.join(", ")}`,
        );
        break;
      case "minimum":
      case "maximum":
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} must be ${e.params.comparison} ${e.params.limit}`,
        );
        break;
      case "type":
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} must be ${article(e.params.type)}`,
        );
        break;
      case "minLength":
      case "maxLength":
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} must be ${e.keyword === "minLength" ? "at least" : "at most"} ${e.params.limit} characters`,
        );
        break;
      case "anyOf":
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} must be a quantity (an integer or a string like 500m or 1Gi)`,
        );
        break;
      default:
        lines.push(
          `${fieldPath(e.instancePath, undefined, root)}: ${show(value)} ${e.message ?? "is invalid"}`,
        );
    }
  }
  return [...new Set(lines)];
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
