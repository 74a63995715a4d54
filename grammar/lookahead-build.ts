/**
 * Records the parser's lookahead sequences and error-recovery follow sets into `lookahead.json`
 * beside the compiled grammar (run by `npm run build`; see lookahead.ts). Building the parser with
 * the recording strategy computes every production once, exactly as chevrotain would at start-up.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LOOKAHEAD_TABLE_URL, RecordingLookahead } from "./lookahead.js";
import { MAX_LOOKAHEAD, MidlParser } from "./parser.js";

const recording = new RecordingLookahead({ maxLookahead: MAX_LOOKAHEAD });
const parser = new MidlParser(recording);
const table = recording.table(parser.followSets());
writeFileSync(LOOKAHEAD_TABLE_URL, `${JSON.stringify(table)}\n`);
process.stderr.write(`lookahead: ${Object.keys(table.productions).length} productions recorded in ${fileURLToPath(LOOKAHEAD_TABLE_URL)}\n`);
