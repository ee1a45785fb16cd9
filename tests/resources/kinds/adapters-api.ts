/** An ApiClient stand-in for the kinds' unit tests: records each call and answers from a handler. */
import { ApiError, type ApiClient } from "../../../src/resources/api-client";

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

/** Answers a call with a body, or a status >= 300 (an ApiError unless the caller allows it). */
export type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

export function fakeApi(handler: Handler): ApiClient & { calls: Call[] } {
  const calls: Call[] = [];
  const call = async (method: string, path: string, body?: unknown, allowed: number[] = []) => {
    const c: Call = body === undefined ? { method, path } : { method, path, body };
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
  } as unknown as ApiClient & { calls: Call[] };
}
