/**
 * Custom output through templates: the README's worked example (an extra Markdown output rendered
 * from the IR) and an override of a built-in template.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compile } from "../src/compiler/compile.js";
import { BUILT_IN_TEMPLATES, loadCompiledTemplates } from "../src/emit/templates-precompiled.js";

test("README example: an extra template renders <module>.interfaces.md from the IR", async (t) => {
  const r = await compile({ inputs: ["idl/msgrpriv.idl"], outDir: "out", verify: false, format: false, templatesDir: "test/fixtures/templates" });
  t.deepEqual(r.diagnostics, []);
  const md = r.files.find((f) => f.path.endsWith("msgrpriv.interfaces.md"));
  t.truthy(md, "the extra output exists beside the module");
  t.is(
    md!.contents,
    "# Interfaces of idl/msgrpriv.idl\n\n" +
      "| Interface | IID | Methods |\n" +
      "| --- | --- | --- |\n" +
      "| IMsgrSessionManager | BAF49DB4-4B4A-446A-B995-D3A8D65B4550 | CreateSession, GetLaunchingSession, RegisterApplication, UnRegisterApplication, Applications |\n" +
      "| IMsgrSession | 4EF1B8AF-B5C6-452B-A170-E84FD46A3012 | Accept, Cancel, Decline, Invite, SendContextData, Application, Application, ApplicationName, ApplicationURL, ContextData, Flags, LocalAddress, LocalAddress, RemoteAddress, SessionID, State, User |\n" +
      "| IMsgrLock | F1D799F5-0D79-495B-942A-B161E2F43D64 | RequestChallenge, SendResponse, Status |\n" +
      "| IMessengerPrivate | DF2A105D-75C4-42FF-A84A-706793CBFA2F | AddContact, EnableAlertEvents |\n",
  );
});

test("a user's interface.hbs overrides the built-in one, gets the same view model, and is still verified", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-templates-"));
  const builtIn = readFileSync("templates/interface.hbs", "utf8");
  writeFileSync(join(dir, "interface.hbs"), builtIn.replace("export interface", "/** Reviewed by the platform team. */\nexport interface"));
  const r = await compile({ inputs: ["idl/msgrpriv.idl"], outDir: "out", format: false, templatesDir: dir });
  t.deepEqual(r.diagnostics, [], "the output still type-checks");
  const ts = r.files[0]!.contents;
  t.is(ts.match(/Reviewed by the platform team/g)?.length, 7, "once per interface and dispinterface");
  writeFileSync(join(dir, "interface.hbs"), "export interface {{{nosuchfield}}} {}\n");
  const broken = await compile({ inputs: ["idl/msgrpriv.idl"], outDir: "out", verify: false, templatesDir: dir });
  t.deepEqual(broken.files, [], "an edited template is used at once; a failing one writes nothing");
  t.is(broken.diagnostics.length, 1);
  t.is(broken.diagnostics[0]!.code, "MTS4002");
  t.regex(broken.diagnostics[0]!.message, /^template .* failed: "nosuchfield" not defined in/);
});

test("codegen --templates writes the extra outputs", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-templates-cli-"));
  cpSync("idl/msgrpriv.idl", join(dir, "msgrpriv.idl"));
  const r = spawnSync(process.execPath, [resolve("dist/src/cli/main.js"), "msgrpriv.idl", "--templates", resolve("test/fixtures/templates"), "--no-verify"], { cwd: dir, encoding: "utf8" });
  t.is(r.status, 0, r.stderr);
  t.regex(readFileSync(join(dir, "generated", "msgrpriv.interfaces.md"), "utf8"), /^# Interfaces of msgrpriv\.idl\n/);
});

test("the built-in templates compiled by the build render exactly what compiling them from source renders", async (t) => {
  const compiled = loadCompiledTemplates();
  t.truthy(compiled, "npm run build compiled them, from the templates as they are now");
  t.deepEqual([...compiled!.keys()], [...BUILT_IN_TEMPLATES]);
  // An empty template directory: the built-in templates, compiled from source at run time.
  const empty = mkdtempSync(join(tmpdir(), "midl-ts-templates-"));
  const fixtures = readdirSync("test/fixtures/valid").filter((f) => f.endsWith(".idl")).map((f) => join("test/fixtures/valid", f));
  const options = { inputs: ["idl/msgrpriv.idl", ...fixtures], outDir: "out", verify: false, format: false };
  const ours = await compile(options);
  const fromSource = await compile({ ...options, templatesDir: empty });
  t.true(ours.files.length >= 5);
  t.deepEqual(ours.files, fromSource.files);
});

test("a template edited since the build is not taken from the build: it is compiled from its source", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "midl-ts-templates-"));
  for (const name of BUILT_IN_TEMPLATES) writeFileSync(join(dir, `${name}.hbs`), readFileSync(join("templates", `${name}.hbs`), "utf8"));
  t.truthy(loadCompiledTemplates(dir), "the same sources: the compiled forms are used");
  writeFileSync(join(dir, "stub.hbs"), `${readFileSync(join("templates", "stub.hbs"), "utf8")}{{!-- edited --}}`);
  t.is(loadCompiledTemplates(dir), undefined);
});
