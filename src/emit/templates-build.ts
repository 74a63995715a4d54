/** `npm run build`'s step that compiles the built-in templates (see templates-precompiled.ts). */
import { writeCompiledTemplates } from "./templates-precompiled.js";

process.stderr.write(`templates: compiled into ${await writeCompiledTemplates()}\n`);
