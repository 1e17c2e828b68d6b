/** The `lr-schedulers` executable (Node only; the library entry never imports it). */
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  columns: process.stdout.columns,
  color: process.stdout.isTTY === true && process.stdout.hasColors?.() === true,
});
