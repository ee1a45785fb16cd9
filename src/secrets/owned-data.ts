/**
 * The data of each Secret the component owns, made from its own material only and checked as the server would check
 * it. The component derives each owned Secret this way, so that a value made anew (a regenerated JWT secret) leaves
 * the other owned Secrets known in a preview; the models' seal builds the same data from the same functions.
 */
import { ADMIN_USERNAME } from "../defaults";
import { DittoSecretError } from "../resolve/errors";
import { adminPasswordProblem, jwtProblem } from "./checks";
import { parsePostgresConnection, PostgresConnectionError } from "./postgres-connection";

export type OwnedData = Record<string, string>;

function checked(subject: string, problem: string | undefined): void {
  if (problem) throw new DittoSecretError(subject, [problem]);
}

export function jwtData(subject: string, value: string, key: string, label: string): OwnedData {
  checked(subject, jwtProblem(Buffer.from(value, "utf8"), label));
  return { [key]: value };
}

export function adminData(subject: string, value: string, key: string, label: string): OwnedData {
  checked(subject, adminPasswordProblem(Buffer.from(value, "utf8"), label));
  return { username: ADMIN_USERNAME, [key]: value };
}

/** A connection string split into the keys the server's env reads; `label` names where the string came from. */
export function postgresData(subject: string, text: string, label: string): OwnedData {
  try {
    return { ...parsePostgresConnection(text) };
  } catch (e) {
    if (!(e instanceof PostgresConnectionError)) throw e;
    throw new DittoSecretError(subject, [
      `${label}: the PostgreSQL connection string ${e.message}`,
    ]);
  }
}
