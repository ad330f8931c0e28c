/** 服务对象 codes of legal persons and organisations (企业法人, 事业法人, 社会组织法人, 非法人企业, 其他组织). */
const LEGAL = new Set(['2', '3', '4', '5', '9']);

/** Whether a guide's 服务对象 codes include natural persons (1) or legal persons and organisations. */
export const servesAudience = (serverTypes: readonly string[], audience: 'natural' | 'legal'): boolean =>
  audience === 'natural' ? serverTypes.includes('1') : serverTypes.some((type) => LEGAL.has(type));

/** Whether a guide is in force at `nowIso` (an ISO timestamp): past its plan_effective_date, before its plan_cancel_date. */
export const inForce = (guide: { effectiveFrom: string | null; cancelledFrom: string | null }, nowIso: string): boolean =>
  (guide.effectiveFrom === null || guide.effectiveFrom <= nowIso) && (guide.cancelledFrom === null || guide.cancelledFrom > nowIso);
