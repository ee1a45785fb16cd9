/** Every resource kind the provider serves, by type token. */
import type { ResourceKind } from "../kind";
import { adapter } from "./adapter";
import { adapterSettings } from "./adapter-settings";
import { netgroup } from "./netgroup";
import { user } from "./user";

export const KINDS: readonly ResourceKind<any>[] = [user, adapter, adapterSettings, netgroup];

const BY_TOKEN = new Map(KINDS.map((k) => [`dittofs:index:${k.name}`, k]));

export function kindOf(token: string): ResourceKind<any> | undefined {
  return BY_TOKEN.get(token);
}
