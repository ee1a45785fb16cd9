/** The dittofs package: the DittoServer component and its argument types. */
export { DittoServer } from "./ditto-server";
export type * from "./args";
