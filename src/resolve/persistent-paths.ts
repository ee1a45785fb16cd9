/**
 * Paths the server writes must lie on a volume claim: only claims survive a restart (and, under a read-only root,
 * only volumes are writable). Shared by the object models, which each know their claims' mount paths.
 */
import { posix } from "path";
import { show } from "./errors";

export interface ClaimPaths {
  /** `a, b or c`: the mount paths, for messages. */
  listed: string;
  /** Whether `path` is on a claim: a directory (or `fileBelow`: a file) at or below a mount path. */
  onClaim(path: string, fileBelow: boolean): boolean;
}

export function claimPaths(mounts: string[]): ClaimPaths {
  const listed = `${mounts.slice(0, -1).join(", ")} or ${mounts[mounts.length - 1]}`;
  // Absolute, without `.`/`..` segments, so that a prefix test means "inside the volume".
  const clean = (p: string) => p.startsWith("/") && posix.normalize(p) === p && !p.endsWith("/");
  return {
    listed,
    onClaim: (p, fileBelow) =>
      clean(p) && mounts.some((dir) => (!fileBelow && p === dir) || p.startsWith(`${dir}/`)),
  };
}

/** The problem of an SQLite database file the server uses, if it would not persist. */
export function sqlitePathProblem(path: string, claims: ClaimPaths): string | undefined {
  return claims.onClaim(path, true)
    ? undefined
    : `spec.database.sqlite.path: ${show(path)} must be a file below a volume that persists (${claims.listed}): elsewhere the control-plane database is not writable or is lost at every restart`;
}
