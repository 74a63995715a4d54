#!/usr/bin/env node
/**
 * `codegen` run from the compiled modules (what the tests run; users run the bundle's launcher,
 * launch.ts, which runs the same command). See command.ts for the command and its exit codes.
 */
import { runCommand } from "./command.js";
import { exitWith } from "./exit.js";

exitWith(runCommand(process.argv.slice(2)));
