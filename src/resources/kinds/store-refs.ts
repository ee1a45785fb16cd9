/**
 * A share names its stores; the server answers with their ids. A read turns an id back into the name the inputs
 * used (or, on import, the store's name), so a refresh compares names with names.
 */
import type { ApiClient } from "../api-client";

interface StoreEntry {
  id: string;
  name: string;
}

export type StoreList =
  "/api/v1/store/metadata" | "/api/v1/store/block/local" | "/api/v1/store/block/remote";

export async function storeName(
  api: ApiClient,
  list: StoreList,
  id: string,
  known: string | undefined,
): Promise<string> {
  // The server takes a name or an id: an id in the inputs that is this store's stays as written.
  if (known === id) return id;
  const stores = (await api.get<StoreEntry[]>(list)) ?? [];
  return stores.find((s) => s.id === id)?.name ?? id;
}
