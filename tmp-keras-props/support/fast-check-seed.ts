/**
 * Property tests run with a fixed seed so that a run is reproducible (and CI deterministic);
 * FC_SEED=random explores new cases, FC_SEED=<n> replays a reported one.
 */
import fc from "fast-check";

const requested = process.env.FC_SEED;
const seed = requested === "random" ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(requested ?? 20261122);
fc.configureGlobal({ seed });
if (requested === "random") console.log(`fast-check seed: ${seed}`);
