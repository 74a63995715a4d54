/**
 * What the bundled compiler (`dist/bundle/codegen.cjs`) exports: the command for the launcher
 * (launch.ts), and the compiler entry points the benchmark times the bundle by.
 */
export { runCommand } from "./command.js";
export { compile, loadedPipeline } from "../compiler/compile.js";
export { BuildSession } from "../compiler/session.js";
