/**
 * PARAMFLAG constants (`PARAMFLAG_*` without the prefix), as generated dispatch tables use them
 * to describe each parameter's direction and optionality.
 */
export const PARAMFLAG = {
  NONE: 0,
  FIN: 1,
  FOUT: 2,
  FLCID: 4,
  FRETVAL: 8,
  FOPT: 16,
  FHASDEFAULT: 32,
} as const;
