/**
 * The playground page: the state (up to four schedules and a step count, always mirrored in the
 * URL hash), the form of the schedule being edited, and, on every edit, `simulate` of each schedule
 * drawn and exported. A refused option shows the library's own message next to its field, and the
 * chart keeps the last schedule that ran.
 */
import { InvalidOptionError, LRSchedulerError, onWarning, simulate, type SimulateOptions, type Simulation } from "lr-schedulers";
import { canonicalType, exampleSchedule, types } from "./catalog.js";
import { Charts, type Panel } from "./chart.js";
import { columnsOf, configJson, CSV_ROWS, dsConfigSection, pythonLine, toCsv, typescriptLines, type Column } from "./exports.js";
import { el, paramsForm, showError, typeSelect, type FormContext } from "./form.js";
import { decodeHash, encodeHash, importConfig, MAX_SCHEDULES, MAX_STEPS, plateaus, schedulesOf, stateOf, type Schedule, type State } from "./state.js";
import "./style.css";

const COLORS = ["#1f6feb", "#d1242f", "#1a7f37", "#8250df"];
const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4]];
const LETTERS = "ABCD";

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

let schedules: Schedule[] = [];
let steps = 100;
/** The schedule the form edits. */
let active = 0;
let form: FormContext = { onEdit: () => recompute(), errors: new Map() };
const charts = new Charts($("#charts"));
/** The last run's figures, for the timing line and tests. */
const timings = { steps: 0, simulateMs: 0, drawMs: 0, totalMs: 0 };
let lastColumns: Column[] = [];
let writtenHash = "";
/** A message about the link itself, shown until the next load. */
let linkNotice = "";

const defaultState = (): State => {
  const { schedule, steps } = exampleSchedule("OneCycleLR");
  return { ...schedule, steps };
};

function load(state: State): void {
  schedules = schedulesOf(state)
    .slice(0, MAX_SCHEDULES)
    .map((s) => ({ ...s, type: canonicalType(s.type), params: structuredClone(s.params) }));
  steps = state.steps;
  active = Math.min(active, schedules.length - 1);
  renderSide();
  recompute();
}

// ---- the side panel: tabs, type picker, steps, groups, options ----

function renderTabs(): void {
  const tabs = schedules.map((s, i) => {
    const tab = el("button", { type: "button", class: i === active ? "tab active" : "tab", style: `--color: ${COLORS[i]}`, title: s.type }, `${LETTERS[i]} · ${s.type}`);
    tab.addEventListener("click", () => {
      active = i;
      renderSide();
      recompute();
    });
    if (schedules.length === 1) return tab;
    const remove = el("span", { class: "remove", title: "stop comparing this one" }, "×");
    remove.addEventListener("click", (event) => {
      event.stopPropagation();
      schedules.splice(i, 1);
      active = Math.min(active, schedules.length - 1);
      renderSide();
      recompute();
    });
    tab.append(remove);
    return tab;
  });
  const add = el("button", { type: "button", class: "tab add", title: "overlay another schedule" }, "+ compare");
  add.disabled = schedules.length >= MAX_SCHEDULES;
  add.addEventListener("click", () => {
    schedules.push(structuredClone(schedules[active]!));
    active = schedules.length - 1;
    renderSide();
    recompute();
  });
  $("#tabs").replaceChildren(...tabs, add);
}

function renderTypeList(): void {
  const current = schedules[active]!.type;
  const select = typeSelect(current, $<HTMLInputElement>("#type-search").value);
  $("#type").replaceChildren(...select.children);
  $<HTMLSelectElement>("#type").value = current;
  const info = types().get(current);
  const notes = [info ? `${info.family}` : `"${current}" is not a registered type`];
  if (info?.codeOnly) notes.push(`needs ${info.codeOnly}`);
  if (info && info.params === undefined) notes.push("no option schema: edit its params as JSON");
  $("#type-note").textContent = notes.join(" · ");
}

function renderSide(): void {
  const schedule = schedules[active]!;
  renderTabs();
  renderTypeList();
  $<HTMLInputElement>("#steps").value = String(steps);
  $<HTMLInputElement>("#groups").value = schedule.groups ? JSON.stringify(schedule.groups) : "";
  form = { onEdit: () => recompute(), errors: new Map() };
  $("#params").replaceChildren(paramsForm(schedule.type, schedule.params, "", form));
  for (const slot of document.querySelectorAll<HTMLElement>("#side > .field > .error")) form.errors.set(slot.dataset.errorFor!, slot);
}

$("#type").addEventListener("change", () => {
  const type = $<HTMLSelectElement>("#type").value;
  const example = exampleSchedule(type);
  schedules[active] = example.schedule;
  if (schedules.length === 1) steps = example.steps;
  renderSide();
  recompute();
});
$("#type-search").addEventListener("input", renderTypeList);

$("#steps").addEventListener("input", () => {
  const text = $<HTMLInputElement>("#steps").value.replace(/[_,\s]/g, "");
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_STEPS) {
    form.errors.get("steps")!.textContent = `steps must be an integer from 1 to ${MAX_STEPS.toLocaleString("en")}`;
    return;
  }
  steps = n;
  recompute();
});

$("#groups").addEventListener("input", () => {
  const text = $<HTMLInputElement>("#groups").value.trim();
  const schedule = schedules[active]!;
  if (text === "") delete schedule.groups;
  else {
    try {
      schedule.groups = JSON.parse(text) as Schedule["groups"];
    } catch {
      form.errors.get("groups")!.textContent = 'not JSON yet: a list of param groups, e.g. [{"lr": 0.1}]';
      return;
    }
  }
  recompute();
});

// ---- running, drawing, exporting ----

let pending = false;

/** Runs and redraws at the next frame (edits in between run once). */
function recompute(): void {
  document.body.dataset.status = "busy";
  if (pending) return;
  pending = true;
  requestAnimationFrame(run);
}

/** `simulate` of one schedule; a metric-driven one (which simulate refuses without metrics) runs on the docs' synthetic loss. */
function simulateOne(schedule: Schedule): { sim: Simulation; syntheticMetric: boolean } {
  const config = { type: schedule.type, params: schedule.params };
  const options: SimulateOptions = { steps };
  if (schedule.groups !== undefined) options.groups = schedule.groups;
  if (schedule.metrics !== undefined) options.metrics = schedule.metrics === "plateaus" ? plateaus(steps) : schedule.metrics;
  try {
    return { sim: simulate(config, options), syntheticMetric: schedule.metrics === "plateaus" };
  } catch (error) {
    const wantsMetric = error instanceof InvalidOptionError && error.path === "metrics" && error.value === undefined;
    if (!wantsMetric) throw error;
    return { sim: simulate(config, { ...options, metrics: plateaus(steps) }), syntheticMetric: true };
  }
}

function run(): void {
  pending = false;
  writeHash();
  renderExports();
  for (const slot of form.errors.values()) slot.textContent = "";
  $("#error").textContent = linkNotice;
  const warnings = new Set<string>();
  const stop = onWarning((w) => warnings.add(`${w.schedulerType}: ${w.message}`));
  const start = performance.now();
  const results: { sim: Simulation; syntheticMetric: boolean }[] = [];
  let failed = false;
  schedules.forEach((schedule, i) => {
    try {
      results.push(simulateOne(schedule));
    } catch (error) {
      failed = true;
      const message = error instanceof LRSchedulerError ? error.message : String(error);
      const path = error instanceof LRSchedulerError ? error.path : "";
      if (i === active) showError(form.errors, path, message, $("#error"));
      else $("#error").textContent = `${LETTERS[i]} (${schedule.type}): ${message}`;
    }
  });
  stop();
  $("#warnings").replaceChildren(...[...warnings].map((w) => el("li", {}, `warning: ${w}`)));
  if (failed) {
    document.body.dataset.status = "error";
    return;
  }
  if (results.some((r) => r.syntheticMetric)) $("#warnings").append(el("li", {}, "follows a metric: simulated on a synthetic loss that improves for 20 steps, then stalls for 30"));
  const simulated = performance.now();
  const several = schedules.length > 1;
  const columns = results.flatMap(({ sim }, i) => columnsOf(sim, schedules[i]!, i, several ? `${LETTERS[i]}.` : ""));
  charts.draw(steps, panelsOf(columns));
  // uPlot draws in a microtask; the figures and the CSV follow it.
  setTimeout(() => {
    Object.assign(timings, { steps, simulateMs: simulated - start, drawMs: charts.drawnAt - simulated, totalMs: charts.drawnAt - start });
    const count = schedules.length === 1 ? "" : ` × ${schedules.length} schedules`;
    $("#timing").textContent = `${steps.toLocaleString("en")} steps${count}: simulate ${timings.simulateMs.toFixed(1)} ms, draw ${timings.drawMs.toFixed(1)} ms`;
    lastColumns = columns;
    const every = Math.ceil(steps / CSV_ROWS);
    $("[data-testid=export-csv]").textContent = toCsv(steps, columns, every);
    $("#csv-note").textContent = every > 1 ? `(every ${every}th step; the download has all)` : "";
    document.body.dataset.status = "ready";
  }, 0);
}

/** The columns by quantity: one chart each, a colour per schedule and a dash per param group. */
function panelsOf(columns: Column[]): Panel[] {
  const panels = new Map<string, Panel>();
  for (const c of columns) {
    const line = { label: c.label, color: COLORS[c.schedule]!, dash: DASHES[c.group % DASHES.length]!, values: c.values };
    if (!panels.has(c.quantity)) panels.set(c.quantity, { name: c.quantity, lines: [] });
    panels.get(c.quantity)!.lines.push(line);
  }
  return [...panels.values()];
}

function renderExports(): void {
  const schedule = schedules[active]!;
  const deepspeed = types().get(schedule.type)?.family === "deepspeed";
  $("[data-testid=export-json]").textContent = configJson(schedule);
  $("#ds-config").hidden = !deepspeed;
  $("[data-testid=export-ds-config]").textContent = deepspeed ? dsConfigSection(schedule) : "";
  $("[data-testid=export-ts]").textContent = typescriptLines(schedule);
  $("[data-testid=export-python]").textContent = pythonLine(schedule);
  const cards = schedules.map((s, i) => {
    const card = el("div", { class: "card", style: `--color: ${COLORS[i]}` }, el("h3", {}, `${LETTERS[i]} · ${s.type}`), el("pre", {}, JSON.stringify(s, null, 1)));
    card.addEventListener("click", () => {
      active = i;
      renderSide();
      recompute();
    });
    return card;
  });
  $("#cards").replaceChildren(...(schedules.length > 1 ? cards : []));
}

function writeHash(): void {
  writtenHash = encodeHash(stateOf(schedules, steps));
  if (location.hash !== writtenHash) history.replaceState(null, "", writtenHash);
}

// ---- import, export buttons, the URL ----

function importText(text: string): void {
  $("#import-error").textContent = "";
  try {
    const { schedule, steps: given } = importConfig(text);
    schedules[active] = { ...schedule, type: canonicalType(schedule.type) };
    if (given !== undefined) steps = given;
    renderSide();
    recompute();
  } catch (error) {
    $("#import-error").textContent = (error as Error).message;
  }
}

const importBox = $<HTMLTextAreaElement>("#import");
$("#import-button").addEventListener("click", () => importText(importBox.value));
importBox.addEventListener("paste", () => setTimeout(() => importText(importBox.value), 0));
importBox.addEventListener("dragover", (event) => event.preventDefault());
importBox.addEventListener("drop", (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file)
    void file.text().then((text) => {
      importBox.value = text;
      importText(text);
    });
});

$("#copy-link").addEventListener("click", () => void navigator.clipboard?.writeText(location.href));
$("#download-csv").addEventListener("click", () => {
  const blob = new Blob([toCsv(steps, lastColumns)], { type: "text/csv" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `${schedules[0]!.type}.csv` });
  link.click();
  URL.revokeObjectURL(link.href);
});

function loadHash(): void {
  let state: State;
  try {
    state = decodeHash(location.hash) ?? defaultState();
    linkNotice = "";
  } catch (error) {
    state = defaultState();
    linkNotice = `The link's state was not read: ${(error as Error).message}`;
  }
  load(state);
}

addEventListener("hashchange", () => {
  if (location.hash !== writtenHash) loadHash();
});
loadHash();

/** For tests and the speed script: the charts' data, the last run's timings, the state. */
Object.assign(globalThis, {
  playground: { charts, timings, state: () => stateOf(schedules, steps) },
});
