import { z } from 'zod';
import { codeOf, dateOf, flagOf, limitUnitOf, materialFormOf, needOf, numberOf, serverTypeOf, sourceOf, taskTypeOf } from './province-variants.ts';
import type { IntakeRules } from './record-intake.ts';

/**
 * One service guide (办事指南) as the exchange format carries it: JSON Lines, one guide per line, in the national
 * field names (gov-service-data.md §1.5), materials and fees nested. Unknown fields are allowed and ignored
 * (provinces add their own); what the kiosk relies on is checked. These schemas are the national spelling, as the
 * store keeps it; what provinces send is respelled first and a bad optional value dropped (the intake rules below).
 */
const text = (max: number) => z.string().max(max);
const flag = z.enum(['0', '1']);

export const materialRecordSchema = z.object({
  material_name: text(500).min(1),
  order_num: z.number().int().nonnegative().optional(),
  /** 1 必要, 0 非必要, 2 容缺后补 (local extension). */
  is_need: z.enum(['0', '1', '2']),
  /** 1 纸质, 2 电子, 3 纸质+电子. */
  material_form: z.enum(['1', '2', '3']).optional(),
  page_num: z.number().int().nonnegative().optional(),
  /** 10 申请人自备, 20 政府部门核发, 99 其他. */
  source_type: z.enum(['10', '20', '99']).optional(),
  form_guid: text(500).optional(),
  example_guid: text(500).optional(),
  /** 告知承诺: the applicant may sign a commitment instead of providing it (local extension). */
  is_promise: flag.optional(),
  /** The 电子证照 type that stands for it (免提交; local extension): fetched for the identified applicant. */
  license_code: text(50).optional(),
  /** It is the application form itself (申请表): filling in the form on the terminal provides it (local extension). */
  is_form: flag.optional(),
});

/**
 * A field of the application form (申请表; local extension): the terminal builds its form from these, fills in what
 * the ID card says (免填), and checks each value by its type.
 */
export const formFieldRecordSchema = z.object({
  field_code: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/),
  field_name: text(100).min(1),
  field_type: z.enum(['text', 'textarea', 'phone', 'id-number', 'date', 'number', 'select']),
  is_required: flag,
  max_length: z.number().int().min(1).max(2000).optional(),
  options: z.array(text(100).min(1)).min(1).max(50).optional(),
  prefill: z.enum(['applicant-name', 'applicant-id-number', 'applicant-address']).optional(),
});
export type FormFieldRecord = z.infer<typeof formFieldRecordSchema>;

export const feeRecordSchema = z.object({ fee_name: text(500).min(1), fee_stand: text(2000) });

export const guideRecordSchema = z.object({
  task_code: z.string().regex(/^[0-9A-Za-z]{6,36}$/, '6 to 36 letters and digits'),
  catalog_code: text(12).optional(),
  task_name: text(1000).min(1),
  task_type: z.enum(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']),
  task_version: z.number().int().nonnegative(),
  /** 1 在用; anything else is not offered. */
  task_state: text(2),
  dept_name: text(200).min(1),
  dept_code: text(50).optional(),
  use_level: text(11).optional(),
  /** Comma-separated 服务对象 codes: 1 自然人, 2-5 and 9 legal persons and organisations. */
  server_type: text(32),
  accept_condition: text(20_000).optional(),
  anticipate_day: z.number().int().nonnegative().optional(),
  anticipate_type: text(2).optional(),
  promise_day: z.number().int().nonnegative().optional(),
  promise_type: text(2).optional(),
  is_fee: flag.optional(),
  handle_flow: text(20_000).optional(),
  transact_addr: text(500).optional(),
  transact_time: text(500).optional(),
  link_way: text(500).optional(),
  /** 是否支持终端办理; without it (or when it cannot be read) the item is one for the window or online, not this terminal. */
  is_service_terminals: flag.default('0'),
  online_handle_url: z.url().optional(),
  user_topic_type: text(200).optional(),
  corp_topic_type: text(200).optional(),
  plan_effective_date: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  plan_cancel_date: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** 通办范围: 全国 / 跨省 / 全省 / 全市 / 全县 … (a guide of another district may be handled here when it says so). */
  handle_area: text(50).optional(),
  /** 乡镇街道 and 村居社区 codes: a community-level item is kept only by that community's terminals. */
  town_code: text(20).optional(),
  village_code: text(20).optional(),
  local_catalog_code: text(50).optional(),
  local_task_code: text(50).optional(),
  /** How often citizens choose this item (from the platform's statistics); ranks ties. */
  popularity: z.number().nonnegative().optional(),
  materials: z.array(materialRecordSchema).max(200).default([]),
  fees: z.array(feeRecordSchema).max(100).default([]),
  apply_form: z.array(formFieldRecordSchema).max(100).optional(),
});
export type GuideRecord = z.infer<typeof guideRecordSchema>;
export type MaterialRecord = z.infer<typeof materialRecordSchema>;

/**
 * 一件事一次办: one life event under which several items are applied for together (one identification, one merged
 * form, shared materials). Its own entity referring to its member items by 实施编码 (gov-service-data.md §2.3).
 */
export const bundleRecordSchema = z.object({
  bundle_code: z.string().regex(/^[0-9A-Za-z-]{4,50}$/, '4 to 50 letters, digits or dashes'),
  bundle_name: text(200).min(1),
  bundle_desc: text(2000).optional(),
  /** 行政区划代码 of the region offering it (310115 浦东新区; 310000 the whole city). */
  area_code: z.string().regex(/^[0-9]{6}$/, 'a 6-digit 行政区划代码'),
  server_type: text(32),
  task_codes: z.array(z.string().regex(/^[0-9A-Za-z]{6,36}$/)).min(2).max(30),
  popularity: z.number().nonnegative().optional(),
});
export type BundleRecord = z.infer<typeof bundleRecordSchema>;

const materialRespellings = {
  order_num: numberOf,
  is_need: needOf,
  material_form: materialFormOf,
  page_num: numberOf,
  source_type: sourceOf,
  is_promise: flagOf,
  is_form: flagOf,
};

/** How a guide from a province is taken (record-intake.ts): which fields are respelled how, and what is dropped. */
export const guideIntake: IntakeRules & { schema: typeof guideRecordSchema } = {
  schema: guideRecordSchema,
  respell: {
    task_code: codeOf,
    catalog_code: codeOf,
    task_type: taskTypeOf,
    task_version: numberOf,
    task_state: codeOf,
    use_level: codeOf,
    server_type: serverTypeOf,
    anticipate_day: numberOf,
    anticipate_type: limitUnitOf,
    promise_day: numberOf,
    promise_type: limitUnitOf,
    is_fee: flagOf,
    is_service_terminals: flagOf,
    plan_effective_date: dateOf,
    plan_cancel_date: dateOf,
    town_code: codeOf,
    village_code: codeOf,
    popularity: numberOf,
  },
  // A material is part of what the citizen brings: one the kiosk cannot name or weigh makes the guide unusable.
  entries: { materials: { kind: 'fields', schema: materialRecordSchema, respell: materialRespellings }, fees: { kind: 'entry' } },
};

export const bundleIntake: IntakeRules & { schema: typeof bundleRecordSchema } = {
  schema: bundleRecordSchema,
  respell: { area_code: codeOf, server_type: serverTypeOf, popularity: numberOf },
};
