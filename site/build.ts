/**
 * `npm run site`: builds the package (tsup), then the playground into site/dist/; open
 * site/dist/index.html in a browser. Against another build of the package, into another folder:
 * `npx vite-node site/build.ts -- --library <a built index.js> --out <dir>`.
 */
import { relative } from "node:path";
import { buildSite, LIBRARY_ENTRY, SITE_DIST } from "./bundle.js";

/** `--name value` from the command line. */
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const built = await buildSite({ library: flag("library") ?? LIBRARY_ENTRY, outDir: flag("out") ?? SITE_DIST });
console.log(`Built ${relative(process.cwd(), built.page)} (playground.js ${(built.bytes / 1024).toFixed(0)} KB): open it in a browser.`);
