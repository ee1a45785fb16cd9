/**
 * Share names as the v0.29 server keys them (`/export`), and the REST paths that address a share. The server strips
 * leading slashes and adds one, and URL-decodes the name once more after the router did: a name is accepted here
 * only when it survives that unchanged, so the id, the state and the server agree.
 */
import { seg } from "../api-client";
import type { PropertySchema } from "../kind";

/**
 * One leading `/`, then one path segment without `%` (decoded twice by the server), `|` (it separates an id's parts),
 * whitespace or control characters (they break mount commands), `\`; not `.` or `..` (a URL resolves those).
 */
export const SHARE_NAME_PATTERN = "^/(?!\\.\\.?$)[^/%|\\\\\\s\\x00-\\x1f\\x7f]{1,254}$";

export function shareNameSchema(description: string): PropertySchema {
  return {
    type: "string",
    pattern: SHARE_NAME_PATTERN,
    replaceOnChanges: true,
    description,
  };
}

/** `/api/v1/shares/export`: the name without its leading slash, as `dfsctl` sends it (the server adds it back). */
export function sharePath(name: string): string {
  return `/api/v1/shares/${seg(name.replace(/^\/+/, ""))}`;
}

/** Splits `<share>|<rest>` (an id of a share's sub-object); throws with the expected shape. */
export function splitShareId(
  id: string,
  kind: string,
  shape: string,
): { share: string; rest: string } {
  const at = id.indexOf("|");
  const share = id.slice(0, at);
  if (at < 0 || !new RegExp(SHARE_NAME_PATTERN, "u").test(share))
    throw new Error(
      `${kind} id ${JSON.stringify(id)} is malformed: expected ${shape} (the share name starts with /)`,
    );
  return { share, rest: id.slice(at + 1) };
}
