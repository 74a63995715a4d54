/** `npm run demo` (dist/src/messenger/demo.js) as a child process: exit code 0 and the key steps of its trace. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";

const demo = fileURLToPath(new URL("../../src/messenger/demo.js", import.meta.url));

test("the demo walks two users through sign-in, Lock and Key, registration, an accepted invitation, context data and termination, and exits 0", (t) => {
  const run = spawnSync(process.execPath, [demo], { encoding: "utf8", timeout: 30_000 });
  t.is(run.status, 0, run.stderr);
  t.is(run.stderr, "");
  const out = run.stdout;
  for (const line of [
    "→ host: alice signs in",
    "← alice: OnLockEnable(true)",
    "← alice: OnLockStatusChanged(LOCK_UNLOCKED)",
    "← bob: OnLockStatusChanged(LOCK_UNLOCKED)",
    "← alice: OnAppRegistered({6A1F3C52-0B7D-4E8A-9C2D-5F4E3B2A1C0D})",
    '← bob: OnInvitation(session, "board=8x8;colour=red", pfHandled=false)',
    '← alice session: OnAccepted("colour=black")',
    "← bob session: OnReadyToLaunch()",
    "← alice session: OnStateChanged(SS_ACCEPTED) — State is now SS_CONNECTED",
    '← bob session: OnContextData("tcp://10.0.0.1:6891")',
    '← alice session: OnContextData("tcp://10.0.0.2:6892")',
    '← bob session: OnTermination(S_OK, "good game")',
    "← bob: OnAppShutdown()",
    "done.",
  ]) {
    t.true(out.includes(line), `missing: ${line}`);
  }
  t.regex(out, /OnLockChallenge\(\d+, "[0-9A-F]{32}"\)/);
  t.regex(out, /SendResponse\("MSGRDEMO01", "[0-9a-f]{32}", \d+\)/);
  t.regex(out, /OnLockResult\(\d+, true\)/);
  t.notRegex(out, /OnLockResult\(\d+, false\)/);
});
