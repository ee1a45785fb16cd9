/**
 * Unix ids the server keeps unique (a user's uid, a group's gid). A clash is answered badly: a create says 409
 * "already exists" (as if the name were taken) and an update 500. The kinds ask first who holds the id, so the
 * error names the field and the holder.
 */
import type { ApiClient } from "../api-client";

interface Holder {
  /** `username` for users, `name` for groups. */
  [field: string]: unknown;
}

/**
 * The name of the other object (not `self`) that holds `value` in `field`, from the list at `listPath`; undefined
 * when none does.
 */
export async function holderOf(
  api: ApiClient,
  listPath: string,
  nameField: "username" | "name",
  field: "uid" | "gid",
  value: number,
  self: string,
): Promise<string | undefined> {
  const all = (await api.call<Holder[]>("GET", listPath)) ?? [];
  const holder = all.find((o) => o[field] === value && o[nameField] !== self);
  return holder ? String(holder[nameField]) : undefined;
}

/** The error for an id another object holds: the field, the value, the holder and the fix. */
export function takenError(
  kind: "user" | "group",
  field: "uid" | "gid",
  value: number,
  holder: string,
): Error {
  return new Error(
    `${field}: ${value} is already the ${field} of ${kind} ${JSON.stringify(holder)}; the server keeps ${field}s unique. Choose another ${field}`,
  );
}
