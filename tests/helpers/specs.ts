/** The object models' names and the smallest specs the tests start from. */
/** The object model of the February 2026 operator: what the suites written for it render unless told otherwise. */
export const FEB = "2026-02";
/** The object model of the operator's release v0.29.0 (the package's default). */
export const V029 = "v0.29";
export const RELEASES = [V029, FEB] as const;
export type Release = (typeof RELEASES)[number];

function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null) Object.values(o).forEach(deepFreeze);
  return Object.freeze(o);
}

/** The smallest valid spec of both models (`storage.metadataSize` is their only required field); frozen: spread it. */
export const MINIMAL = deepFreeze({ storage: { metadataSize: "1Gi" } });

/** MINIMAL naming its object model. */
export const minimalOf = (release: Release) => ({ operatorRelease: release, ...MINIMAL });
