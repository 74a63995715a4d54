export type * from "./nodes.js";
