import type { z } from 'zod';

/**
 * How a record from a province is taken (exchange-format.ts): its values first respelled as the national codes
 * (province-variants.ts), then checked by its schema. A value still not understood in a field the schema calls
 * optional is dropped — the record kept, the field counted as a warning — and the record checked again; a problem in
 * anything else (a required field, or a part of an array whose entries the kiosk cannot do without) makes the record
 * unusable, and it is skipped with the reason.
 */

/** Respells one field's value as the national code, or gives it back unchanged (province-variants.ts). */
export type Respelling = (value: unknown) => unknown;

/** What happens to a bad entry of an array field. */
export type EntryRule =
  /** Its fields are checked one by one: a bad optional one is dropped (materials.material_form); a bad required one makes the record unusable. */
  | { kind: 'fields'; schema: z.ZodObject; respell: Readonly<Record<string, Respelling>> }
  /** The entry alone is dropped (fees: a fee without a name). */
  | { kind: 'entry' };

export interface IntakeRules {
  schema: z.ZodObject;
  respell: Readonly<Record<string, Respelling>>;
  /** Arrays whose entries are taken one by one; any other optional field is dropped whole when bad (apply_form). */
  entries?: Readonly<Record<string, EntryRule>>;
}

/** A value dropped: which field (materials.material_form), and what it held. */
export interface DroppedValue {
  field: string;
  value: unknown;
}

export type Intake<T> = { taken: T; dropped: DroppedValue[] } | { reason: string };

type Mutable = Record<string, unknown>;

const optionalFields = (schema: z.ZodObject): ReadonlySet<string> =>
  new Set(Object.entries(schema.shape).flatMap(([key, field]) => ((field as z.ZodType).safeParse(undefined).success ? [key] : [])));

const optionalCache = new WeakMap<z.ZodObject, ReadonlySet<string>>();
const optionalOf = (schema: z.ZodObject) => {
  let set = optionalCache.get(schema);
  if (set === undefined) optionalCache.set(schema, (set = optionalFields(schema)));
  return set;
};

const isObject = (value: unknown): value is Mutable => typeof value === 'object' && value !== null && !Array.isArray(value);

const respellFields = (record: Mutable, respell: Readonly<Record<string, Respelling>>) => {
  for (const key in respell) {
    const value = record[key];
    if (value !== undefined) record[key] = (respell[key] as Respelling)(value);
  }
};

/** A drop the issue at this path calls for, or null when the issue makes the record unusable. */
type Drop = { field: string; container: Mutable; key: string } | { field: string; array: unknown[]; index: number };

const dropFor = (record: Mutable, path: readonly PropertyKey[], rules: IntakeRules): Drop | null => {
  const [key, index, sub] = path;
  if (typeof key !== 'string') return null;
  const rule = rules.entries?.[key];
  const array = record[key];
  if (rule !== undefined && typeof index === 'number' && Array.isArray(array)) {
    if (rule.kind === 'entry') return { field: key, array, index };
    const entry = array[index];
    if (typeof sub === 'string' && isObject(entry) && optionalOf(rule.schema).has(sub)) return { field: `${key}.${sub}`, container: entry, key: sub };
    return null;
  }
  if (rule?.kind === 'fields') return null;
  return optionalOf(rules.schema).has(key) ? { field: key, container: record, key } : null;
};

/** Issues as one line: `materials.0.is_need: Invalid option …; task_name: …`. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]) => issues.map((issue) => `${issue.path.map(String).join('.') || 'record'}: ${issue.message}`).join('; ');

/** Takes one record (a freshly parsed JSON object, respelled in place) by the rules. */
export const takeRecord = <T>(record: Mutable, rules: IntakeRules & { schema: z.ZodType<T> }): Intake<T> => {
  respellFields(record, rules.respell);
  for (const [key, rule] of Object.entries(rules.entries ?? {})) {
    const array = record[key];
    if (rule.kind === 'fields' && Array.isArray(array)) for (const entry of array) if (isObject(entry)) respellFields(entry, rule.respell);
  }
  const dropped: DroppedValue[] = [];
  for (;;) {
    const parsed = rules.schema.safeParse(record);
    if (parsed.success) return { taken: parsed.data as T, dropped };
    const drops: Drop[] = [];
    const fatal: z.core.$ZodIssue[] = [];
    for (const issue of parsed.error.issues) {
      const drop = dropFor(record, issue.path, rules);
      if (drop === null) fatal.push(issue);
      else drops.push(drop);
    }
    if (fatal.length > 0) return { reason: describeIssues(fatal) };
    // Entries from the last, so that the indices of the others hold; each field or entry once.
    const before = dropped.length;
    const done = new Set<unknown>();
    for (const drop of drops.sort((a, b) => ('index' in b ? b.index : -1) - ('index' in a ? a.index : -1))) {
      if ('index' in drop) {
        const entry = drop.array[drop.index];
        if (done.has(entry)) continue;
        done.add(entry);
        dropped.push({ field: drop.field, value: entry });
        drop.array.splice(drop.index, 1);
      } else {
        if (!(drop.key in drop.container)) continue;
        dropped.push({ field: drop.field, value: drop.container[drop.key] });
        Reflect.deleteProperty(drop.container, drop.key);
      }
    }
    if (dropped.length === before) return { reason: describeIssues(parsed.error.issues) };
  }
};
