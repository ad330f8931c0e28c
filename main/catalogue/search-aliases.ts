/**
 * Short forms citizens type that are not substrings of the full names (build-environment.md "Pinyin pitfalls"):
 * a query containing the short form also searches with the long form in its place.
 */
export const SEARCH_ALIASES: ReadonlyArray<readonly [short: string, long: string]> = [
  ['社保', '社会保障'],
  ['公积金', '住房公积金'],
  ['医保', '医疗保障'],
  ['医保', '医疗保险'],
  ['身份证', '居民身份证'],
  ['户口', '户籍'],
  ['营业执照', '营业执照'],
  ['驾照', '驾驶证'],
  ['护照', '普通护照'],
  ['港澳通行证', '往来港澳通行证'],
  ['出生证', '出生医学证明'],
  ['低保', '最低生活保障'],
  ['退休', '退休待遇'],
  ['残疾证', '残疾人证'],
  ['个税', '个人所得税'],
  ['不动产', '不动产登记'],
  ['房产证', '不动产权证书'],
];
