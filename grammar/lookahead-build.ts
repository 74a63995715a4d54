/**
 * Records the parser's grammar, lookahead sequences and error-recovery follow sets into `lookahead.json`
 * beside the compiled grammar (run by `npm run build`; see lookahead.ts). Building the parser with
 * the recording strategy computes every production once, exactly as chevrotain would at start-up.
 */
import { fileURLToPath } from "node:url";
import { LOOKAHEAD_TABLE_URL, RecordingLookahead, sourceFingerprint, writeLookaheadTable } from "./lookahead.js";
import { MAX_LOOKAHEAD, MidlParser } from "./parser.js";
import { allTokens } from "./tokens.js";

const recording = new RecordingLookahead({ maxLookahead: MAX_LOOKAHEAD });
const parser = new MidlParser(recording);
// The fingerprint of the compiled modules; bundle-build.ts adds the bundle's.
const table = recording.table(parser.followSets(), sourceFingerprint(MidlParser, allTokens, MAX_LOOKAHEAD));
writeLookaheadTable(table);
process.stderr.write(`lookahead: ${Object.keys(table.productions).length} productions recorded in ${fileURLToPath(LOOKAHEAD_TABLE_URL)}\n`);
