/**
 * A container's `resources` as the API server validates them (ValidateResourceRequirements): resource names it knows,
 * no negative quantity, requests at most the limits, and the resources that cannot be overcommitted (hugepages,
 * extended resources) whole numbers with requests equal to limits.
 */
import { show } from "./errors";
import { childPath } from "./field-path";
import { parseQuantity } from "./quantity";

const STANDARD = new Set(["cpu", "memory", "ephemeral-storage"]);
const QUALIFIED_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const isHugePages = (name: string) => name.startsWith("hugepages-");
/** Extended resources: a domain of their own, outside kubernetes.io (device plugins). */
const isExtended = (name: string) =>
  name.includes("/") && !/^([^/]*\.)?kubernetes\.io\//.test(name) && !name.startsWith("requests.");

function nameProblem(name: string): string | undefined {
  if (STANDARD.has(name)) return undefined;
  if (isHugePages(name))
    return parseQuantity(name.slice("hugepages-".length)) !== undefined
      ? undefined
      : "must name a huge page size (hugepages-2Mi)";
  const [prefix, local, extra] = name.split("/");
  if (extra === undefined && local !== undefined && isExtended(name)) {
    const ok =
      prefix.length <= 253 &&
      QUALIFIED_PREFIX.test(prefix) &&
      local.length <= 63 &&
      QUALIFIED_NAME.test(local);
    return ok ? undefined : "must be a qualified name (example.com/device)";
  }
  return "must be cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource (example.com/device)";
}

type Quantities = Record<string, unknown> | undefined;

/** Problems of `resources` (already schema-valid: maps of quantities) at `path` (`spec.resources`). */
export function resourceProblems(
  resources: { requests?: Quantities; limits?: Quantities } | undefined,
  path: string,
): string[] {
  const problems: string[] = [];
  const requests = resources?.requests ?? {};
  const limits = resources?.limits ?? {};
  const parsed: Record<"requests" | "limits", Record<string, bigint>> = {
    requests: {},
    limits: {},
  };
  for (const [which, map] of [
    ["limits", limits],
    ["requests", requests],
  ] as const) {
    for (const [name, value] of Object.entries(map)) {
      const at = childPath(`${path}.${which}`, name);
      const bad = nameProblem(name);
      if (bad) {
        problems.push(`${at}: ${show(name)} ${bad}`);
        continue;
      }
      const q = parseQuantity(value);
      if (q === undefined) continue; // the schema's pattern names it
      if (q < 0n) problems.push(`${at}: ${show(value)} must be greater than or equal to 0`);
      else if ((isHugePages(name) || isExtended(name)) && q % 1_000_000_000n !== 0n)
        problems.push(`${at}: ${show(value)} must be a whole number for ${name}`);
      else parsed[which][name] = q;
    }
  }
  for (const [name, request] of Object.entries(parsed.requests)) {
    const at = childPath(`${path}.requests`, name);
    const limit = parsed.limits[name];
    if (isHugePages(name) || isExtended(name)) {
      if (limit === undefined && !(name in limits))
        problems.push(
          `${at}: ${name} cannot be overcommitted: set the same value in ${path}.limits`,
        );
      else if (limit !== undefined && limit !== request)
        problems.push(
          `${at}: ${show(requests[name])} must equal the ${name} limit (${show(limits[name])}): ${name} cannot be overcommitted`,
        );
    } else if (limit !== undefined && request > limit) {
      problems.push(
        `${at}: ${show(requests[name])} must be less than or equal to the ${name} limit (${show(limits[name])})`,
      );
    }
  }
  return problems;
}
