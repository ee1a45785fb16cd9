/** Every resource kind the provider serves, by type token. */
import type { ResourceKind } from "../kind";
import { adapter } from "./adapter";
import { adapterSettings } from "./adapter-settings";
import { blockStore } from "./block-store";
import { group } from "./group";
import { groupMembership } from "./group-membership";
import { identityMapping } from "./identity-mapping";
import { metadataStore } from "./metadata-store";
import { netgroup } from "./netgroup";
import { share } from "./share";
import { sharePermission } from "./share-permission";
import { shareQuota } from "./share-quota";
import { snapshotPolicy } from "./snapshot-policy";
import { user } from "./user";

export const KINDS: readonly ResourceKind<any>[] = [
  metadataStore,
  blockStore,
  share,
  sharePermission,
  shareQuota,
  snapshotPolicy,
  user,
  group,
  groupMembership,
  identityMapping,
  adapter,
  adapterSettings,
  netgroup,
];

const BY_TOKEN = new Map(KINDS.map((k) => [`dittofs:index:${k.name}`, k]));

export function kindOf(token: string): ResourceKind<any> | undefined {
  return BY_TOKEN.get(token);
}
