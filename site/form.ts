/**
 * The options form, generated from a type's JSON Schema (`configSchema(type).properties.params`):
 * numbers and integers as text (so that any value reaches the library, which says what is wrong),
 * enums as selects, booleans as checkboxes, lists and per-group lists as comma-separated numbers,
 * sub-schedulers as nested forms. Every control writes straight into the params object it was
 * given and calls `onEdit`. Each field registers an error slot under its path (`step_size`,
 * `schedulers[1].gamma`), where the library's `LRSchedulerError.path` points.
 */
import { byFamily, exampleSchedule, isFunctionOnly, types, type JsonSchema } from "./catalog.js";

export interface FormContext {
  onEdit(): void;
  /** Error slots by field path. */
  errors: Map<string, HTMLElement>;
}

type Params = Record<string, unknown>;
type Kind = "scheduler" | "schedulers" | "function" | "boolean" | "enum" | "number" | "list" | "perGroup" | "string" | "json";

const isNull = (s: JsonSchema) => s.type === "null";
const isNumeric = (s: JsonSchema | undefined) => s?.type === "number" || s?.type === "integer";

/** What control a schema gets; `nullable` when it also takes null (Python's None). */
function kindOf(schema: JsonSchema): { kind: Kind; inner: JsonSchema; nullable: boolean } {
  const options = schema.anyOf?.filter((s) => !isNull(s));
  if (options && options.length === 1) return { ...kindOf({ ...options[0], description: schema.description ?? options[0]!.description }), nullable: true };
  const plain = (kind: Kind) => ({ kind, inner: schema, nullable: false });
  if (isFunctionOnly(schema)) return plain("function");
  if (schema.perGroup) return plain(isNumeric(options?.[0]) ? "perGroup" : "json");
  if (schema.schedulerConfig) return plain("scheduler");
  if (schema.type === "array" && schema.items?.schedulerConfig) return plain("schedulers");
  if (schema.enum) return plain("enum");
  if (schema.type === "boolean") return plain("boolean");
  if (isNumeric(schema)) return plain("number");
  if (schema.type === "array" && isNumeric(schema.items)) return plain("list");
  if (schema.type === "string") return plain("string");
  return plain("json");
}

/** A number where the text is one, `null` for "None"/"null" where allowed, else the text itself (the library refuses it in its own words). */
function parseScalar(text: string, nullable: boolean): unknown {
  const t = text.trim();
  if (nullable && /^(none|null)$/i.test(t)) return null;
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : t;
}

function parseList(text: string, perGroup: boolean): unknown {
  const t = text.trim();
  const bracketed = /^\[.*\]$/s.test(t);
  const items = (bracketed ? t.slice(1, -1) : t).split(",").map((s) => s.trim()).filter((s) => s !== "");
  const values = items.map((s) => parseScalar(s, false));
  return perGroup && !bracketed && values.length === 1 ? values[0] : values;
}

function show(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "None";
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number")) return value.join(", ");
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A `<select>` of every type the page can run, by family. */
export function typeSelect(current: string, filter = ""): HTMLSelectElement {
  const select = el("select");
  const needle = filter.trim().toLowerCase();
  for (const [family, infos] of byFamily()) {
    const group = el("optgroup", { label: family });
    for (const info of infos) {
      if (needle && !`${family} ${info.type}`.toLowerCase().includes(needle) && info.type !== current) continue;
      const option = el("option", { value: info.type }, info.codeOnly ? `${info.type} (code only)` : info.type);
      if (info.codeOnly) option.disabled = true;
      group.append(option);
    }
    if (group.children.length > 0) select.append(group);
  }
  select.value = current;
  return select;
}

/** Writes `value` under `key`, or removes the key for `undefined` (the option's default then applies). */
function assign(params: Params, key: string, value: unknown): void {
  if (value === undefined || value === "") delete params[key];
  else params[key] = value;
}

function textControl(params: Params, key: string, path: string, placeholder: string, parse: (text: string) => unknown, ctx: FormContext): HTMLInputElement {
  const input = el("input", { type: "text", "data-path": path, placeholder, spellcheck: "false", autocomplete: "off" });
  input.value = show(params[key]);
  input.addEventListener("input", () => {
    assign(params, key, parse(input.value));
    ctx.onEdit();
  });
  return input;
}

function control(kind: Kind, schema: JsonSchema, nullable: boolean, params: Params, key: string, path: string, ctx: FormContext): HTMLElement {
  const placeholder = schema.default !== undefined ? show(schema.default) : nullable ? "None" : "";
  switch (kind) {
    case "number":
    case "string":
      return textControl(params, key, path, placeholder, (t) => (kind === "number" ? parseScalar(t, nullable) : t), ctx);
    case "list":
    case "perGroup":
      return textControl(params, key, path, placeholder || "comma-separated", (t) => (t.trim() === "" ? undefined : parseList(t, kind === "perGroup")), ctx);
    case "json":
      return textControl(params, key, path, placeholder || "JSON", (t) => {
        try {
          return t.trim() === "" ? undefined : (JSON.parse(t) as unknown);
        } catch {
          return t;
        }
      }, ctx);
    case "enum": {
      const select = el("select", { "data-path": path });
      select.append(el("option", { value: "" }, schema.default !== undefined ? `(default: ${String(schema.default)})` : nullable ? "(None)" : "(choose)"));
      for (const v of schema.enum ?? []) select.append(el("option", { value: v }, v));
      select.value = typeof params[key] === "string" ? (params[key] as string) : "";
      select.addEventListener("change", () => {
        assign(params, key, select.value);
        ctx.onEdit();
      });
      return select;
    }
    case "boolean": {
      const box = el("input", { type: "checkbox", "data-path": path });
      box.checked = typeof params[key] === "boolean" ? (params[key] as boolean) : schema.default === true;
      box.addEventListener("change", () => {
        params[key] = box.checked;
        ctx.onEdit();
      });
      return box;
    }
    case "function":
      return el("input", { type: "text", disabled: "", placeholder: "a function: code only", "data-path": path });
    case "scheduler":
      return childForm(params, key, path, ctx);
    case "schedulers":
      return childList(params, key, path, ctx);
  }
}

/** One sub-scheduler `{ type, params }` as a nested form with its own type select. */
function childForm(holder: Params, key: string, path: string, ctx: FormContext, onRemove?: () => void): HTMLElement {
  const box = el("fieldset", { class: "child", "data-path": path });
  const render = () => {
    const child = holder[key] as { type?: string; params?: Params } | undefined;
    const select = typeSelect(child?.type ?? "");
    select.setAttribute("data-path", `${path}.type`);
    select.prepend(el("option", { value: "" }, "(choose a schedule)"));
    select.value = child?.type ?? "";
    select.addEventListener("change", () => {
      holder[key] = exampleSchedule(select.value).schedule;
      delete (holder[key] as { groups?: unknown }).groups;
      delete (holder[key] as { metrics?: unknown }).metrics;
      render();
      ctx.onEdit();
    });
    const legend = el("legend", {}, select);
    if (onRemove) {
      const remove = el("button", { type: "button", class: "remove", title: "remove this schedule" }, "×");
      remove.addEventListener("click", onRemove);
      legend.append(remove);
    }
    box.replaceChildren(legend);
    if (child?.type) {
      child.params ??= {};
      box.append(paramsForm(child.type, child.params, `${path}.`, ctx));
    }
    box.append(errorSlot(path, ctx));
  };
  render();
  return box;
}

/** A list of sub-schedulers (SequentialLR's `schedulers`, optax's `schedules`), with add and remove. */
function childList(params: Params, key: string, path: string, ctx: FormContext): HTMLElement {
  const box = el("div", { class: "children" });
  const render = () => {
    if (!Array.isArray(params[key])) params[key] = [];
    const list = params[key] as unknown[];
    box.replaceChildren(
      ...list.map((_, i) =>
        childForm(list as unknown as Params, String(i), `${path}[${i}]`, ctx, () => {
          list.splice(i, 1);
          render();
          ctx.onEdit();
        }),
      ),
    );
    const add = el("button", { type: "button", class: "add" }, "+ add a schedule");
    add.addEventListener("click", () => {
      list.push(structuredClone(list[list.length - 1] ?? { type: "ConstantLR", params: {} }));
      render();
      ctx.onEdit();
    });
    box.append(add);
  };
  render();
  return box;
}

function errorSlot(path: string, ctx: FormContext): HTMLElement {
  const slot = el("div", { class: "error", "data-error-for": path });
  ctx.errors.set(path, slot);
  return slot;
}

/**
 * The form of `type`'s options, writing into `params`; `prefix` is the path of the options
 * (`""` at the top, `"schedulers[0]."` for a child). A type without a schema gets one JSON field.
 */
export function paramsForm(type: string, params: Params, prefix: string, ctx: FormContext): HTMLElement {
  const form = el("div", { class: "params" });
  const schema = types().get(type)?.params;
  if (schema === undefined) {
    const area = el("textarea", { "data-path": `${prefix}params`, rows: "4", spellcheck: "false" });
    area.value = JSON.stringify(params, null, 1);
    area.addEventListener("input", () => {
      try {
        const value = JSON.parse(area.value) as Params;
        for (const k of Object.keys(params)) delete params[k];
        Object.assign(params, value);
        ctx.onEdit();
      } catch {
        ctx.errors.get(`${prefix}params`)!.textContent = "not JSON yet";
      }
    });
    form.append(el("label", {}, "params (JSON: this type has no option schema)"), area, errorSlot(`${prefix}params`, ctx));
    return form;
  }
  const required = new Set(schema.required ?? []);
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix + key;
    const { kind, inner, nullable } = kindOf(field);
    const note = required.has(key) ? "required" : field.default !== undefined ? `default ${show(field.default)}` : nullable ? "default None" : "optional";
    const row = el("div", { class: `field ${kind}` });
    const label = el("label", {}, el("code", {}, key), " ", el("small", {}, note));
    const help = field.description ?? inner.description;
    row.append(label, control(kind, { ...inner, default: field.default ?? inner.default }, nullable, params, key, path, ctx));
    if (help && kind !== "scheduler" && kind !== "schedulers") row.append(el("div", { class: "help" }, help));
    row.append(errorSlot(path, ctx));
    form.append(row);
  }
  return form;
}

/** Shows `message` in the slot of the field `path` names (the longest registered prefix), or in `fallback`. */
export function showError(errors: Map<string, HTMLElement>, path: string, message: string, fallback: HTMLElement): void {
  let best: string | undefined;
  for (const p of errors.keys()) {
    const covers = p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
    if (covers && (best === undefined || p.length > best.length)) best = p;
  }
  (best === undefined ? fallback : errors.get(best)!).textContent = message;
}
