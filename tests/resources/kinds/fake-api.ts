/** An ApiClient stand-in for the kinds' unit tests: answers by `METHOD path`, records every call. */
import { ApiError, type ApiClient } from "../../../src/resources/api-client";

export type Answer = unknown | ((body: unknown) => unknown);

export interface FakeApi {
  api: ApiClient;
  calls: { method: string; path: string; body?: unknown }[];
}

/** Routes: `"GET /api/v1/groups/devs"` → a value, an ApiError to throw, or a function of the body. Unrouted: 404. */
export function fakeApi(routes: Record<string, Answer>): FakeApi {
  const calls: FakeApi["calls"] = [];
  const call = async (method: string, path: string, body?: unknown, allowed: number[] = []) => {
    calls.push({ method, path, ...(body === undefined ? {} : { body }) });
    const key = `${method} ${path}`;
    if (!(key in routes)) {
      if (allowed.includes(404)) return undefined;
      throw new ApiError(method, path, 404, "Not Found: not routed in the test");
    }
    const answer = routes[key];
    const value = typeof answer === "function" ? (answer as (b: unknown) => unknown)(body) : answer;
    if (value instanceof ApiError) throw value;
    return value;
  };
  const api = { call, get: (path: string) => call("GET", path, undefined, [404]) };
  return { api: api as unknown as ApiClient, calls };
}
