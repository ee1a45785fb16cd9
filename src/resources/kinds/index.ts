/** Every resource kind the provider serves, by type token. */
import type { ResourceKind } from "../kind";
import { group } from "./group";
import { groupMembership } from "./group-membership";
import { identityMapping } from "./identity-mapping";
import { user } from "./user";

export const KINDS: readonly ResourceKind<any>[] = [user, group, groupMembership, identityMapping];

const BY_TOKEN = new Map(KINDS.map((k) => [`dittofs:index:${k.name}`, k]));

export function kindOf(token: string): ResourceKind<any> | undefined {
  return BY_TOKEN.get(token);
}
