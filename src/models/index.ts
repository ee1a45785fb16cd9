/** The object models this package renders, by `operatorRelease`. */
import { FEB2026 } from "./feb2026";
import type { ObjectModel } from "./object-model";

export const DEFAULT_MODEL: ObjectModel = FEB2026;
