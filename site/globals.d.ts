// What esbuild supplies to the page's bundle (site/build.ts).
declare module "*.css";
