/** The object models this package renders, by `operatorRelease`. */
import { FEB2026 } from "./feb2026";
import type { ObjectModel } from "./object-model";
import { V029 } from "./v029";

export const MODELS: Record<string, ObjectModel> = { "v0.29": V029, "2026-02": FEB2026 };

/** Today's operator: the model of a DittoServer that names none. */
export const DEFAULT_RELEASE = "v0.29";
