/** Every resource kind the provider serves, by type token. */
import type { ResourceKind } from "../kind";
import { blockStore } from "./block-store";
import { group } from "./group";
import { groupMembership } from "./group-membership";
import { identityMapping } from "./identity-mapping";
import { metadataStore } from "./metadata-store";
import { user } from "./user";

export const KINDS: readonly ResourceKind<any>[] = [
  metadataStore,
  blockStore,
  user,
  group,
  groupMembership,
  identityMapping,
];

const BY_TOKEN = new Map(KINDS.map((k) => [`dittofs:index:${k.name}`, k]));

export function kindOf(token: string): ResourceKind<any> | undefined {
  return BY_TOKEN.get(token);
}
