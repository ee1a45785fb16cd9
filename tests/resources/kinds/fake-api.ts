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

/** An ApiClient stand-in for the kinds' unit tests: answers GETs from a table of objects (path → body), fails the calls in `fail`, records every call. */

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

export function fakeObjectsApi(
  objects: Record<string, unknown> = {},
  fail: Record<string, ApiError> = {},
): ApiClient & { calls: Call[] } {
  const calls: Call[] = [];
  const call = async (method: string, path: string, body?: unknown, allowed: number[] = []) => {
    calls.push({ method, path, ...(body === undefined ? {} : { body }) });
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

export interface HandledCall {
  method: string;
  path: string;
  body?: unknown;
}

/** Answers a call with a body, or a status >= 300 (an ApiError unless the caller allows it). */
export type Handler = (call: HandledCall) => { status?: number; body?: unknown } | undefined;

/** Answers every call from `handler` (a body, or a status >= 300: an ApiError unless allowed); records each call. */
export function fakeHandlerApi(handler: Handler): ApiClient & { calls: HandledCall[] } {
  const calls: HandledCall[] = [];
  const call = async (method: string, path: string, body?: unknown, allowed: number[] = []) => {
    const c: HandledCall = body === undefined ? { method, path } : { method, path, body };
    calls.push(c);
    const answer = handler(c) ?? {};
    const status = answer.status ?? 200;
    if (status < 300) return structuredClone(answer.body);
    if (allowed.includes(status)) return undefined;
    throw new ApiError(method, path, status, "refused");
  };
  return {
    calls,
    call,
    get: (path: string) => call("GET", path, undefined, [404]),
  } as unknown as ApiClient & { calls: HandledCall[] };
}
