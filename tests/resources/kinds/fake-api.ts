/** An ApiClient stand-in for the kinds' unit tests: answers GETs from a table and records every call. */
import { ApiError, type ApiClient } from "../../../src/resources/api-client";

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

export function fakeApi(
  objects: Record<string, unknown>,
  fail: Record<string, ApiError> = {},
): ApiClient & { calls: Call[] } {
  const calls: Call[] = [];
  const call = async (method: string, path: string, body?: unknown, allowed: number[] = []) => {
    calls.push({ method, path, body });
    const failure = fail[`${method} ${path}`];
    if (failure) throw failure;
    if (method === "GET" && !(path in objects)) {
      if (allowed.includes(404)) return undefined;
      throw new ApiError(method, path, 404, "Not Found");
    }
    return method === "GET" ? structuredClone(objects[path]) : undefined;
  };
  return {
    calls,
    call,
    get: (path: string) => call("GET", path, undefined, [404]),
  } as unknown as ApiClient & { calls: Call[] };
}
