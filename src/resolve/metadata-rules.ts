/**
 * Label and annotation rules of the API server (apimachinery's IsQualifiedName and IsValidLabelValue), checked up front
 * so that a bad key or value never reaches a cluster.
 */
import { quote, show } from "./errors";
import { childPath } from "./field-path";

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is no qualified name (`[prefix/]name`), if it is not. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split("/");
  if (parts.length > 2) return "must be a qualified name ([prefix/]name)";
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    return "must have a DNS subdomain prefix";
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return "must be a qualified name: at most 63 of [A-Za-z0-9_.-], starting and ending alphanumeric";
  }
  return undefined;
}

export function annotationProblems(map: Record<string, string>, path: string): string[] {
  return Object.keys(map).flatMap((key) => {
    const problem = qualifiedNameProblem(key);
    return problem ? [`${path}: key ${quote(key)} ${problem}`] : [];
  });
}

export function labelProblems(map: Record<string, string>, path: string): string[] {
  return Object.entries(map).flatMap(([key, value]) => {
    const problems = annotationProblems({ [key]: value }, path);
    if (value !== "" && (value.length > 63 || !NAME.test(value))) {
      problems.push(
        `${childPath(path, key)}: ${show(value)} must be a label value: at most 63 of [A-Za-z0-9_.-], starting and ending alphanumeric`,
      );
    }
    return problems;
  });
}
