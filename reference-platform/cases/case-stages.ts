/**
 * Where a case (办件) stands, after the national lifecycle (gov-service-data.md §2.1): 申报 → 预审 → 受理 / 不予受理
 * → 补齐补正 → 审批 (承办、审核、批准) → 特别程序 → 办结 → 出证 / 领取.
 */
export const CASE_STAGES = [
  'submitted', // 已申报
  'pre-review', // 预审中
  'accepted', // 已受理
  'supplement-required', // 待补齐补正
  'in-review', // 审批中
  'special-procedure', // 特别程序
  'completed', // 已办结
  'not-accepted', // 不予受理
  'ready-for-pickup', // 待领取
  'collected', // 已领取
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
