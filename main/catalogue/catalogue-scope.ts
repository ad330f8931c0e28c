import { servesAudience } from './guide-filters.ts';
import type { BundleRecord, GuideRecord } from './guide-record.ts';

/**
 * Which guides a terminal keeps: those of its region (its district, and the city and province above it, or
 * another district's when the guide's 通办范围 covers this one), of its community when it stands in one, and for
 * the people it serves. Guides not in use (task_state ≠ 1) are never kept.
 */
export interface CatalogueScope {
  /** The terminal's 6-digit 行政区划代码 (310115 浦东新区); without one, guides of every region are kept. */
  areaCode?: string | undefined;
  /** The 乡镇街道 code of a community terminal; community-level items of other communities are not kept. */
  townCode?: string | undefined;
  /** natural: 自然人 (server_type 1); legal: legal persons and organisations (2-5, 9). Both when not given. */
  audiences?: ReadonlyArray<'natural' | 'legal'> | undefined;
}

export const serverTypesOf = (serverType: string): string[] =>
  serverType
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);

const servesScope = (serverType: string, scope: CatalogueScope): boolean => {
  const types = serverTypesOf(serverType);
  return (scope.audiences ?? ['natural', 'legal']).some((audience) => servesAudience(types, audience));
};

/**
 * The region of a guide: digits 3-8 of its 实施主体 code, an 18-character 统一社会信用代码 whose third to eighth
 * characters are the 登记管理机关行政区划码 (GB 32100). Null when the code is not one.
 */
export const regionOfDept = (deptCode: string | undefined): string | null => {
  if (deptCode === undefined || !/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(deptCode)) return null;
  return deptCode.slice(2, 8);
};

/** Whether `region` is `area` or a city or province containing it (310000 ⊃ 310100 ⊃ 310115). */
const covers = (region: string, area: string): boolean =>
  region === area ||
  (region.endsWith('0000') && area.startsWith(region.slice(0, 2))) ||
  (region.endsWith('00') && area.startsWith(region.slice(0, 4)));

/** How far a guide's 通办范围 reaches beyond its own region. */
const reachOf = (handleArea: string | undefined): 'nation' | 'province' | 'city' | 'own' => {
  if (handleArea === undefined) return 'own';
  if (handleArea.includes('全国') || handleArea.includes('跨省')) return 'nation';
  if (handleArea.includes('全省')) return 'province';
  if (handleArea.includes('全市')) return 'city';
  return 'own';
};

const inRegion = (region: string | null, handleArea: string | undefined, area: string | undefined): boolean => {
  if (region === null || area === undefined) return true;
  if (covers(region, area)) return true;
  switch (reachOf(handleArea)) {
    case 'nation':
      return true;
    case 'province':
      return region.slice(0, 2) === area.slice(0, 2);
    case 'city':
      return region.slice(0, 4) === area.slice(0, 4);
    case 'own':
      return false;
  }
};

export const guideInScope = (guide: GuideRecord, scope: CatalogueScope): boolean =>
  guide.task_state === '1' &&
  servesScope(guide.server_type, scope) &&
  inRegion(regionOfDept(guide.dept_code), guide.handle_area, scope.areaCode) &&
  (guide.town_code === undefined || scope.areaCode === undefined || guide.town_code === scope.townCode);

export const bundleInScope = (bundle: BundleRecord, scope: CatalogueScope): boolean =>
  servesScope(bundle.server_type, scope) && (scope.areaCode === undefined || covers(bundle.area_code, scope.areaCode));
