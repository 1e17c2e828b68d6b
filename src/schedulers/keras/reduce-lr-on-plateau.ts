import * as z from "zod/mini";
import { metricEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { decodeNumber } from "../../core/json.js";
import type { Plateau } from "../../core/schedule.js";
import { nonNegativeInt, num, oneOf, withDefault } from "../../core/schema.js";
import { emitWarning } from "../../core/warnings.js";
import { str } from "./keras-schedule.js";

const TYPE = "keras.ReduceLROnPlateau";
const MODES = ["auto", "min", "max"];

/** Keras' best value: null (None) until the first epoch end, then a number (NaN and ±Infinity too, as strings in JSON). */
const bestValue = () =>
  z.pipe(
    z.custom<number | null>((v) => v === null || decodeNumber(v) !== undefined, { error: 'null or a number ("Infinity", "-Infinity", "NaN" allowed)' }),
    z.transform((v) => (v === null ? null : decodeNumber(v)!)),
  );

interface KerasPlateauState extends Record<string, unknown> {
  best: number | null;
  wait: number;
  cooldownCounter: number;
  /** The comparison settled at the first epoch end (`mode`, or `auto` resolved); null before. */
  direction: "min" | "max" | null;
}

/** `auto`: `min` when the monitor, one leading `val_` removed, is `loss`; any other name needs a compiled metric, which there is none of here. */
function directionOf(mode: string, monitor: string, epoch: number): "min" | "max" {
  if (mode === "min" || mode === "max") return mode;
  if (monitor.replace(/^val_/, "") === "loss") return "min";
  throw new StepError(
    TYPE,
    epoch,
    `mode "auto" cannot tell whether "${monitor}" should fall or rise (Keras asks the model's compiled metric of that name, and there is no model here); pass mode "min" or "max"`,
  );
}

/**
 * Keras' `keras.callbacks.ReduceLROnPlateau`: `step(metric)` is one epoch end. Once the metric has
 * not improved by more than `min_delta` for `patience` epochs (`wait >= patience`), each group whose
 * lr is above `min_lr` gets `max(lr * factor, min_lr)`, and `cooldown` starts.
 * @example
 * const scheduler = new KerasReduceLROnPlateau(optimizer, { monitor: "val_loss", factor: 0.2, patience: 5, minLr: 0.001 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(validationLoss()); }
 */
export const KerasReduceLROnPlateau = /* @__PURE__ */ defineSchedule({
  type: TYPE,
  family: "keras",
  counter: metricEpochs,
  base: "lr",
  // Its cuts multiply the current lr (Keras reads the optimizer's learning rate at each epoch end).
  chainable: () => true,
  options: () => ({
    /** The quantity monitored; with `mode: "auto"` its name decides the direction. */
    monitor: withDefault(str(), "val_loss"),
    /** Each cut multiplies the lr by this (below 1: Keras refuses a factor >= 1). */
    factor: withDefault(num("a finite number < 1 (Keras refuses a factor >= 1.0)", (v) => v < 1), 0.1),
    /** Epochs without improvement before a cut (`wait >= patience`). */
    patience: withDefault(num(), 10),
    /** Keras prints a line per cut when above 0; this library never prints, so it changes nothing. */
    verbose: withDefault(z.custom<number | boolean>((v) => typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)), { error: "a number or a boolean" }), 0),
    /** `"min"`, `"max"` or `"auto"` (from the monitor's name); any other string warns and becomes `"auto"`. */
    mode: withDefault(str(), "auto"),
    /** How much better a metric must be to count as an improvement (its absolute value is used). */
    minDelta: withDefault(num(), 1e-4),
    /** Epochs after a cut during which no bad epoch counts (the counter is decremented first). */
    cooldown: withDefault(num(), 0),
    /** The floor of the lr. */
    minLr: withDefault(num(), 0.0),
  }),
  build: ({ monitor, factor, patience, mode: given, minDelta, cooldown, minLr }, { warn }) => {
    let mode = given;
    if (!MODES.includes(mode)) {
      warn("unknown-mode", `ReduceLROnPlateau mode '${mode}' is unknown, fallback to auto mode.`);
      mode = "auto";
    }
    const delta = Math.abs(minDelta);
    // NumPy 2 compares the Python float lr with np.float32(min_lr) in float32.
    const floor32 = Math.fround(minLr);
    const plateau: Plateau<KerasPlateauState> = {
      fields: {
        best: bestValue(),
        wait: nonNegativeInt(),
        cooldownCounter: num(),
        direction: z.nullable(oneOf(["min", "max"] as const)),
      },
      initial: { best: null, wait: 0, cooldownCounter: 0, direction: null },
      optionalMetric: true,
      explicitEpoch: "expected",
      step(state, current, lrs, epoch) {
        state.direction ??= directionOf(mode, monitor, epoch);
        if (current === undefined) {
          emitWarning(TYPE, "metric-not-available", `Learning rate reduction is conditioned on metric \`${monitor}\`, which was not given (step() without a metric changes nothing).`);
          return;
        }
        if (state.cooldownCounter > 0) {
          state.cooldownCounter -= 1;
          state.wait = 0;
        }
        const best = state.best;
        // Keras' _is_improvement: monitor_op(current - min_delta, best), min_delta negated for "min".
        const improved = best === null || (state.direction === "min" ? current - -delta < best : current - delta > best);
        if (improved) {
          state.best = current;
          state.wait = 0;
        } else if (!(state.cooldownCounter > 0)) {
          state.wait += 1;
          if (state.wait >= patience) {
            let reduced = false;
            for (let i = 0; i < lrs.length; i++) {
              const old = lrs[i]!;
              if (!(Math.fround(old) > floor32)) continue;
              const cut = old * factor;
              lrs[i] = minLr > cut ? minLr : cut; // Python's max(cut, min_lr)
              reduced = true;
            }
            if (reduced) {
              state.cooldownCounter = cooldown;
              state.wait = 0;
            }
          }
        }
      },
    };
    return { plateau: plateau as unknown as Plateau };
  },
});

export type KerasReduceLROnPlateau = InstanceType<typeof KerasReduceLROnPlateau>;
export type KerasReduceLROnPlateauOptions = SchedulerOptions<typeof KerasReduceLROnPlateau>;
