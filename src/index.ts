/** The dittofs package: the DittoServer component and its argument types. */
export { DittoServer } from "./ditto-server";
export type * from "./args";
/** The server's resources (stores, shares, users, ...) and the provider that reaches a server's REST API. */
export * from "./generated/resources";
