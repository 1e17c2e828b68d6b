/**
 * The playground (site/), built against the package's public build and driven in headless
 * Chromium: what it charts and exports is `simulate` of the config it exports, value for value; a
 * refused option shows the library's own message at its field and the chart stays; pasted configs
 * (ds_config.json, Keras) reproduce their schedules; the URL carries the whole state.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParamGroup, SimulateOptions } from "lr-schedulers";
import { readPlotConfigs } from "../../scripts/plot-configs.js";
import { toCsv } from "../../src/cli/table.js";
import { haveChromium, openPage, pageErrors, settled, simulateInPage, startPlayground, type Playground } from "./harness.js";

interface PageState {
  type: string;
  params: Record<string, unknown>;
  steps: number;
  groups?: Partial<ParamGroup>[];
  compare?: { type: string; params: Record<string, unknown>; groups?: Partial<ParamGroup>[] }[];
}

const SCREENSHOT = join(process.cwd(), "test-results", "playground.png");

describe.skipIf(!haveChromium)("the playground in headless Chromium", () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await startPlayground();
  }, 60_000);
  afterAll(async () => {
    await playground?.close();
  });

  const csvOf = (page: Page) => page.textContent("[data-testid=export-csv]");
  const stateOf = (page: Page) => page.evaluate(() => (globalThis as unknown as { playground: { state(): PageState } }).playground.state());
  /** Every chart's series as plain arrays: `[[steps, ...series], ...]`. */
  const chartData = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { playground: { charts: { data: ArrayLike<number>[][] } } }).playground.charts.data.map((d) => d.map((s) => Array.from(s))));
  /** `simulate` of the public build, in the page's engine. */
  const simulate = (page: Page, config: unknown, options: SimulateOptions) => simulateInPage(playground, page, config, options);
  /** The CSV the CLI's `table` prints for `simulate(config, options)` (beta1 for groups with betas). */
  const cliCsv = async (page: Page, config: unknown, options: SimulateOptions, momentumNames?: ("momentum" | "beta1")[]) =>
    toCsv(await simulate(page, config, options), 1, momentumNames ?? (options.groups ?? [{}]).map((g) => ("betas" in g ? "beta1" : "momentum")));
  const optionsOf = (state: { steps: number; groups?: Partial<ParamGroup>[] }): SimulateOptions => (state.groups ? { steps: state.steps, groups: state.groups } : { steps: state.steps });
  const configOf = ({ type, params }: { type: string; params: Record<string, unknown> }) => ({ type, params });

  it("chooses a type, sets options, and charts simulate's values of the config it exports", async () => {
    const page = await openPage(playground);
    await page.fill("#type-search", "steplr");
    await page.selectOption("#type", "StepLR");
    await settled(page);
    await page.fill('[data-path="step_size"]', "7");
    await page.fill('[data-path="gamma"]', "0.5");
    expect(await settled(page)).toBe("ready");

    const exported = JSON.parse((await page.textContent("[data-testid=export-json]"))!) as { type: string; params: Record<string, unknown> };
    expect(exported).toEqual({ type: "StepLR", params: { step_size: 7, gamma: 0.5 } });
    const state = await stateOf(page);
    const sim = await simulate(page, exported, optionsOf(state));
    const [lrChart] = await chartData(page);
    expect(lrChart![0]).toEqual(Array.from({ length: state.steps + 1 }, (_, t) => t));
    expect(lrChart![1]).toEqual(Array.from(sim.groups[0]!.lr));
    expect(await csvOf(page)).toBe(await cliCsv(page, exported, optionsOf(state)));
    // The same build in Node agrees (to the last bit where no transcendental function rounds differently).
    expect(Array.from(playground.library.simulate(exported, optionsOf(state)).groups[0]!.lr)).toEqual(lrChart![1]);
    expect((await csvOf(page))!.split("\n")[0]).toBe("step,lr_0");
    expect(await page.textContent("[data-testid=export-ts]")).toContain("new StepLR(optimizer, { stepSize: 7, gamma: 0.5 })");
    expect(await page.textContent("[data-testid=export-python]")).toBe("torch.optim.lr_scheduler.StepLR(optimizer, step_size=7, gamma=0.5)");
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("charts every quantity the schedule writes, per group, as the CLI's table names them", async () => {
    const state = { type: "OneCycleLR", params: { max_lr: [0.01, 0.02], total_steps: 60 }, steps: 60, groups: [{ lr: 0.001, momentum: 0.9 }, { lr: 0.002, betas: [0.9, 0.99] }] };
    const page = await openPage(playground, state);
    const csv = (await csvOf(page))!;
    expect(csv.split("\n")[0]).toMatch(/^step,lr_0,lr_1,momentum_0,beta1_1(,beta2_1)?$/);
    expect(csv).toBe(await cliCsv(page, configOf(state), optionsOf(state)));
    const charts = await chartData(page);
    expect(charts.length).toBeGreaterThanOrEqual(3); // lr, momentum, beta1 (and beta2 where the schedule writes it)
    const sim = await simulate(page, configOf(state), optionsOf(state));
    expect(charts[0]!.slice(1)).toEqual([Array.from(sim.groups[0]!.lr), Array.from(sim.groups[1]!.lr)]);
    expect(charts[1]![1]).toEqual(Array.from(sim.groups[0]!.momentum!));
    expect(charts[2]![1]).toEqual(Array.from(sim.groups[1]!.momentum!));

    // A per-group list, an enum and a boolean, as the form writes them.
    expect(await page.inputValue('[data-path="max_lr"]')).toBe("0.01, 0.02");
    await page.fill('[data-path="max_lr"]', "0.01, 0.03");
    await page.selectOption('[data-path="anneal_strategy"]', "linear");
    await page.check('[data-path="three_phase"]');
    expect(await settled(page)).toBe("ready");
    const edited = await stateOf(page);
    expect(edited.params).toEqual({ max_lr: [0.01, 0.03], total_steps: 60, anneal_strategy: "linear", three_phase: true });
    expect(await csvOf(page)).toBe(await cliCsv(page, configOf(edited), optionsOf(edited)));
    expect(await page.getAttribute('[data-path="pct_start"]', "placeholder")).toBe("0.3"); // the default, shown
    await page.close();
  });

  it("shows the library's error next to the refused field and keeps the last good chart", async () => {
    const page = await openPage(playground, { type: "StepLR", params: { step_size: 10 }, steps: 50 });
    const before = await chartData(page);
    const csvBefore = await csvOf(page);
    await page.fill('[data-path="step_size"]', "0");
    expect(await settled(page)).toBe("error");
    let expected = "";
    try {
      playground.library.createScheduler({ paramGroups: [{ lr: 1 }] }, { type: "StepLR", params: { step_size: 0 } });
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(expected).toMatch(/step_size/);
    expect(await page.textContent('[data-error-for="step_size"]')).toBe(expected);
    expect(await chartData(page)).toEqual(before);
    expect(await csvOf(page)).toBe(csvBefore);

    await page.close();

    // A sub-schedule's refusal lands at its own field, by the error's path.
    const nested = await openPage(playground, { type: "SequentialLR", params: { schedulers: [{ type: "LinearLR", params: { total_iters: 5 } }, { type: "ExponentialLR", params: { gamma: 0.9 } }], milestones: [5] }, steps: 30 });
    await nested.fill('[data-path="schedulers[1].gamma"]', "x");
    expect(await settled(nested)).toBe("error");
    expect(await nested.textContent('[data-error-for="schedulers[1].gamma"]')).toMatch(/^SequentialLR: option "schedulers\[1\]\.gamma" must be .*; got "x"\.$/);
    await nested.fill('[data-path="schedulers[1].gamma"]', "0.8");
    expect(await settled(nested)).toBe("ready");
    expect(await nested.textContent('[data-error-for="schedulers[1].gamma"]')).toBe("");
    await nested.close();
  });

  it("reproduces a pasted ds_config.json, and exports its scheduler section", async () => {
    const dsConfig = {
      train_batch_size: 32,
      optimizer: { type: "Adam", params: { lr: 0.001, betas: [0.9, 0.999], weight_decay: 0.01 } },
      scheduler: { type: "OneCycle", params: { cycle_min_lr: 0.0001, cycle_max_lr: 0.001, cycle_first_step_size: 40, decay_lr_rate: 0.1, decay_step_size: 10, cycle_min_mom: 0.85, cycle_max_mom: 0.95 } },
    };
    const page = await openPage(playground, { type: "StepLR", params: { step_size: 10 }, steps: 120 });
    await page.fill("#import", JSON.stringify(dsConfig, null, 2));
    await page.click("#import-button");
    expect(await settled(page)).toBe("ready");
    expect(await page.textContent("#import-error")).toBe("");
    const csv = (await csvOf(page))!;
    expect(csv.split("\n")[0]).toMatch(/^step,lr_0,beta1_0/);
    expect(csv).toBe(await cliCsv(page, dsConfig, { steps: 120 }, ["beta1"]));
    expect(JSON.parse((await page.textContent("[data-testid=export-ds-config]"))!)).toEqual({ scheduler: dsConfig.scheduler });
    expect(await page.isVisible("[data-testid=export-ds-config]")).toBe(true);
    await page.close();
  });

  it("imports a Keras { class_name, config } dict", async () => {
    const keras = { class_name: "CosineDecay", config: { initial_learning_rate: 0.1, decay_steps: 80, alpha: 0.1 }, module: "keras.optimizers.schedules", registered_name: null };
    const page = await openPage(playground, { type: "StepLR", params: { step_size: 10 }, steps: 100 });
    await page.fill("#import", JSON.stringify(keras));
    await page.click("#import-button");
    expect(await settled(page)).toBe("ready");
    expect(await csvOf(page)).toBe(await cliCsv(page, keras, { steps: 100 }));
    expect(await page.inputValue("#type")).toBe("CosineDecay");
    expect(await page.textContent("[data-testid=export-python]")).toBe("keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.1, decay_steps=80, alpha=0.1)");
    await page.close();
  });

  it("keeps the whole state in the URL: a link opens the same page", async () => {
    const page = await openPage(playground, { type: "WithWarmup", params: { warmup_steps: 10, schedule: { type: "CosineAnnealingLR", params: { T_max: 90 } } }, steps: 100, groups: [{ lr: 0.1 }] });
    await page.selectOption('[data-path="schedule.type"]', "StepLR");
    await settled(page);
    await page.fill('[data-path="schedule.step_size"]', "25");
    await page.fill('[data-path="warmup_steps"]', "5");
    await page.click("text=+ compare");
    await settled(page);
    await page.fill("#steps", "150");
    expect(await settled(page)).toBe("ready");
    const state = await stateOf(page);
    expect(state).toMatchObject({ type: "WithWarmup", params: { warmup_steps: 5, schedule: { type: "StepLR", params: { step_size: 25 } } }, steps: 150 });
    expect(state.compare).toHaveLength(1);
    const url = page.url();
    expect(decodeURIComponent(new URL(url).hash)).toBe(`#config=${JSON.stringify(state)}`);

    const again = await playground.browser.newPage();
    await again.goto(url);
    expect(await settled(again)).toBe("ready");
    expect(await stateOf(again)).toEqual(state);
    expect(await csvOf(again)).toBe(await csvOf(page));
    expect(await again.inputValue('[data-path="schedule.step_size"]')).toBe("25");
    await Promise.all([page.close(), again.close()]);
  });

  it("overlays up to four schedules, each with its own columns and config card", async () => {
    const hf = { type: "get_cosine_schedule_with_warmup", params: { num_warmup_steps: 100, num_training_steps: 1000 }, groups: [{ lr: 0.001 }] };
    const ds = { type: "WarmupCosineLR", params: { total_num_steps: 1000, warmup_num_steps: 100, warmup_min_ratio: 0, cos_min_ratio: 0 }, groups: [{ lr: 0.001 }] };
    const state = { ...hf, steps: 1000, compare: [ds] };
    const page = await openPage(playground, state, { width: 1280, height: 1000 });
    const csv = (await csvOf(page))!;
    expect(csv.split("\n")[0]).toBe("step,A.lr_0,B.lr_0");
    const rows = csv.trim().split("\n").slice(1).map((line) => line.split(",").map(Number));
    const a = (await simulate(page, configOf(hf), { steps: 1000, groups: hf.groups })).groups[0]!.lr;
    const b = (await simulate(page, configOf(ds), { steps: 1000, groups: ds.groups })).groups[0]!.lr;
    expect(rows.map((r) => r[1])).toEqual(Array.from(a));
    expect(rows.map((r) => r[2])).toEqual(Array.from(b));
    expect(await page.locator("#cards .card").count()).toBe(2);
    mkdirSync(join(process.cwd(), "test-results"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    for (let k = 0; k < 2; k++) {
      await page.click("text=+ compare");
      await settled(page);
    }
    expect((await stateOf(page)).compare).toHaveLength(3);
    expect(await page.isDisabled("text=+ compare")).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("runs every registered type's docs example, picked from the list by family", async () => {
    const page = await openPage(playground);
    const listed = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLOptionElement>("#type option"), (o) => ({ type: o.value, family: (o.parentElement as HTMLOptGroupElement).label, codeOnly: o.disabled })),
    );
    const known = playground.library.knownSchedulerTypes();
    expect(listed.map((o) => o.type).sort()).toEqual(known);
    expect(listed.find((o) => o.type === "WarmupCosineLR")!.family).toBe("deepspeed");
    expect(listed.find((o) => o.type === "get_scheduler")!.family).toBe("transformers"); // no option schema: found through createScheduler
    expect(listed.filter((o) => o.codeOnly).map((o) => o.type)).toEqual(["LambdaLR", "MultiplicativeLR"]);
    const examples = readPlotConfigs();
    const refused: string[] = [];
    for (const { type } of listed.filter((o) => !o.codeOnly && o.type in examples)) {
      await page.selectOption("#type", type);
      if ((await settled(page)) !== "ready") refused.push(`${type}: ${await page.evaluate(() => Array.from(document.querySelectorAll(".error"), (e) => e.textContent).join(" "))}`);
    }
    expect(refused.join("\n")).toBe("");
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("recomputes and redraws 100,000 steps in well under a second (figures: npx vite-node test/site/speed.ts)", async () => {
    const page = await openPage(playground, { type: "get_cosine_schedule_with_warmup", params: { num_warmup_steps: 1000, num_training_steps: 100_000 }, steps: 100_000, groups: [{ lr: 0.001 }] });
    await page.fill('[data-path="num_warmup_steps"]', "2000");
    expect(await settled(page)).toBe("ready");
    const timings = await page.evaluate(() => (globalThis as unknown as { playground: { timings: { steps: number; totalMs: number } } }).playground.timings);
    expect(timings.steps).toBe(100_000);
    // The target is 50 ms (see the speed script); this bound only catches a page gone badly wrong on a busy machine.
    expect(timings.totalMs).toBeLessThan(1000);
    await page.close();
  });
});
