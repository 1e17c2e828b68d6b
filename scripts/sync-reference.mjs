#!/usr/bin/env node
// Copies the golden traces from ../shared/conformance into test/fixtures/reference, so that the
// repository tests itself anywhere. `--check` only reports whether the copy is up to date
// (exit 1 if not; exit 0 with a notice when ../shared is not there).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = resolve(process.env.LR_SCHEDULERS_CONFORMANCE ?? join(root, "..", "shared", "conformance"));
const target = join(root, "test", "fixtures", "reference");
const check = process.argv.includes("--check");

function list(dir) {
  const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [relative(dir, join(d, n))]));
  return existsSync(dir) ? walk(dir).sort() : [];
}

if (!existsSync(source)) {
  console.log(`sync-reference: ${source} not found; keeping the committed copy in ${relative(root, target)}.`);
  process.exit(0);
}

const want = list(source);
const have = list(target);
const stale = have.filter((f) => !want.includes(f));
const changed = want.filter((f) => !have.includes(f) || !readFileSync(join(source, f)).equals(readFileSync(join(target, f))));

if (check) {
  if (stale.length === 0 && changed.length === 0) {
    console.log(`sync-reference: ${want.length} files up to date.`);
    process.exit(0);
  }
  console.error(`sync-reference: out of date (${changed.length} new or changed, ${stale.length} removed upstream); run npm run sync:reference.`);
  for (const f of [...changed, ...stale].slice(0, 20)) console.error(`  ${f}`);
  process.exit(1);
}

rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
console.log(`sync-reference: copied ${want.length} files (${changed.length} new or changed, ${stale.length} removed) into ${relative(root, target)}.`);
