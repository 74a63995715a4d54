/** The line width of generated code: prettier's printWidth (format.ts) and the layout's (layout/). */
export const PRINT_WIDTH = 120;
