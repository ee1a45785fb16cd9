/**
 * Claims and StorageClasses as the API server checks them: a PersistentVolumeClaim must request some storage, and a
 * StorageClass name is a DNS-1123 subdomain ("" is allowed: it disables dynamic provisioning).
 */
import { show } from "./errors";
import { subdomainProblem } from "./k8s-names";
import { parseQuantity } from "./quantity";

/** `sizes`: field path → size (absent sizes skipped). */
export function zeroSizeProblems(sizes: Array<[string, string | undefined]>): string[] {
  return sizes
    .filter(([, size]) => size !== undefined && parseQuantity(size) === 0n)
    .map(
      ([path, size]) =>
        `${path}: ${show(size)} must be greater than zero (the API server rejects a claim for no storage)`,
    );
}

/** `classes`: field path → StorageClass name (absent and empty names skipped). */
export function storageClassProblems(classes: Array<[string, string | undefined]>): string[] {
  return classes.flatMap(([path, className]) => {
    const problem = className
      ? subdomainProblem(className, path, "a StorageClass name")
      : undefined;
    return problem ? [problem] : [];
  });
}
