/** prettier's printWidth for generated code (the same as PRETTIER_OPTIONS in format.ts). */
export const PRINT_WIDTH = 120;
