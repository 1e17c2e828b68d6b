/**
 * Non-fatal oddities (a deprecated call form, a configuration the reference only warns about) are
 * reported here instead of on the console: the library never prints. Subscribe with `onWarning`.
 */

/** A warning raised by a scheduler. */
export interface SchedulerWarning {
  /** The scheduler type that raised it. */
  schedulerType: string;
  /** A stable identifier, e.g. `"deprecated-epoch-argument"`. */
  code: string;
  /** What happened, in words. */
  message: string;
}

export type WarningHandler = (warning: SchedulerWarning) => void;

const handlers = new Set<WarningHandler>();

/**
 * Subscribes to warnings; returns the function that unsubscribes. Without a handler warnings are dropped.
 * @example
 * const stop = onWarning((w) => console.warn(`[${w.schedulerType}] ${w.message}`));
 */
export function onWarning(handler: WarningHandler): () => void {
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}

/** Reports a warning to every handler; a handler that throws does not stop the others or the scheduler. */
export function emitWarning(schedulerType: string, code: string, message: string): void {
  if (handlers.size === 0) return;
  const warning: SchedulerWarning = { schedulerType, code, message };
  for (const handler of handlers) {
    try {
      handler(warning);
    } catch {
      // A faulty handler must not break training.
    }
  }
}
