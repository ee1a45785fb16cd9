/** What a call throws or an Output fails with, for the tests that check errors. */
import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";

/** The problems of the DittoSpecError / DittoSecretError a call throws (fails the test when it does not throw). */
export function problemsOf(fn: () => unknown, errorName = "DittoSpecError"): string[] {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected the call to throw").to.be.instanceOf(Error);
  expect((caught as Error).name).to.equal(errorName);
  return (caught as { problems: string[] }).problems;
}

/** The message of the error a call throws, or "" when it does not throw. */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

/** The error an Output resolves to (the runtime's internal promise), or undefined when it resolves. */
export function errorOf(output: pulumi.Output<unknown>): Promise<Error | undefined> {
  return (output as unknown as { promise(): Promise<unknown> }).promise().then(
    () => undefined,
    (e: Error) => e,
  );
}
