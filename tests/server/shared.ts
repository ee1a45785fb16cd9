/** What the contract run sets up once for all cases: the local PostgreSQL and the test CA, or why each is missing. */
import type { LocalPostgres } from "./postgres";
import type { TestPki } from "./test-pki";

export interface Shared {
  postgres?: LocalPostgres;
  /** Why there is no PostgreSQL (empty when there is). */
  postgresReason: string;
  pki?: TestPki;
  /** Why there is no test CA (empty when there is). */
  pkiReason: string;
}

export const shared: Shared = { postgresReason: "", pkiReason: "" };
