/** Every resource kind the provider serves, by type token. */
import type { ResourceKind } from "../kind";
import { blockStore } from "./block-store";
import { metadataStore } from "./metadata-store";
import { user } from "./user";

export const KINDS: readonly ResourceKind<any>[] = [user, metadataStore, blockStore];

const BY_TOKEN = new Map(KINDS.map((k) => [`dittofs:index:${k.name}`, k]));

export function kindOf(token: string): ResourceKind<any> | undefined {
  return BY_TOKEN.get(token);
}
