import type { Check } from "./context.js";
import { duplicateDispid } from "./duplicate-dispid.js";
import { paramRules } from "./param-rules.js";
import { propertyAccessors } from "./property-accessors.js";

export type { Check, CheckContext } from "./context.js";

/**
 * Every semantic rule run after resolution. (Name resolution — MIDL2011, MIDL2003, MIDL2009 — and
 * uuid syntax — MTS3006 — are reported by the resolver itself, where the names and text are.)
 */
export const checks: readonly Check[] = [duplicateDispid, paramRules, propertyAccessors];
