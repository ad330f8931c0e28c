/** A material of a guide as this platform publishes it (national field names; is_need 2 = 容缺后补). */
export interface PublishedMaterial {
  material_name: string;
  order_num: number;
  is_need: '0' | '1' | '2';
  material_form: '1' | '2' | '3';
  page_num: number;
  source_type: '10' | '20' | '99';
  form_guid?: string;
  example_guid?: string;
  is_promise?: '1';
  /** The 电子证照 type that stands for this material (免提交; local extension, codes in certificates/). */
  license_code?: string;
  /** The material is the application form itself: the form filled in at the terminal provides it. */
  is_form?: '1';
}

/**
 * A field of a guide's application form (申请表; local extension): the kiosk builds its form from these, fills
 * what the ID card says (免填) and checks types and required fields; the platform checks them again.
 */
export interface PublishedFormField {
  field_code: string;
  field_name: string;
  field_type: 'text' | 'textarea' | 'phone' | 'id-number' | 'date' | 'number' | 'select';
  is_required: '0' | '1';
  max_length?: number;
  options?: string[];
  /** What the ID card fills in: the applicant's name, ID number or address. */
  prefill?: 'applicant-name' | 'applicant-id-number' | 'applicant-address';
}

/** A guide in the exchange format's national field names, as this platform publishes it. */
export interface PublishedGuide {
  task_code: string;
  catalog_code: string;
  task_name: string;
  task_type: string;
  task_version: number;
  task_state: string;
  dept_name: string;
  dept_code: string;
  use_level: string;
  server_type: string;
  accept_condition: string;
  anticipate_day: number;
  anticipate_type: string;
  promise_day: number;
  promise_type: string;
  is_fee: '0' | '1';
  handle_flow: string;
  transact_addr: string;
  transact_time: string;
  link_way: string;
  is_service_terminals: '0' | '1';
  online_handle_url: string;
  user_topic_type?: string;
  corp_topic_type?: string;
  handle_area?: string;
  town_code?: string;
  plan_effective_date?: string;
  plan_cancel_date?: string;
  popularity: number;
  materials: PublishedMaterial[];
  fees: Array<{ fee_name: string; fee_stand: string }>;
  apply_form?: PublishedFormField[];
}

/** 一件事一次办: a life event and its member items (gov-service-data.md §2.3). */
export interface PublishedBundle {
  bundle_code: string;
  bundle_name: string;
  bundle_desc: string;
  area_code: string;
  server_type: string;
  task_codes: string[];
  popularity: number;
}

export interface PublishedCatalogueData {
  guides: PublishedGuide[];
  bundles: PublishedBundle[];
}

/** 电子证照 type codes this platform's certificate library issues (its own codes; provinces have theirs). */
export const CERTIFICATE_TYPES = {
  idCard: 'DZZZ-SFZ',
  householdRegister: 'DZZZ-HKB',
  birthCertificate: 'DZZZ-CSYXZM',
  marriageCertificate: 'DZZZ-JHZ',
} as const;

/** Shanghai's districts and their 行政区划代码. */
const DISTRICTS: ReadonlyArray<readonly [name: string, code: string]> = [
  ['浦东新区', '310115'], ['黄浦区', '310101'], ['徐汇区', '310104'], ['长宁区', '310105'], ['静安区', '310106'], ['普陀区', '310107'],
  ['虹口区', '310109'], ['杨浦区', '310110'], ['闵行区', '310112'], ['宝山区', '310113'], ['嘉定区', '310114'], ['金山区', '310116'],
  ['松江区', '310117'], ['青浦区', '310118'], ['奉贤区', '310120'], ['崇明区', '310151'],
];
const CITY: readonly [string, string] = ['上海市', '310000'];

/** Items with the themes they are browsed under (面向自然人 / 法人 主题) and the departments that handle them. */
const ITEMS: ReadonlyArray<{ word: string; dept: number; user?: string; corp?: string; legal?: boolean }> = [
  { word: '社会保障卡', dept: 0, user: '社会保障' },
  { word: '住房公积金', dept: 8, user: '住房保障,就业创业', corp: '职工管理' },
  { word: '居民身份证', dept: 1, user: '户籍办理' },
  { word: '营业执照', dept: 2, corp: '设立变更', legal: true },
  { word: '医疗保障', dept: 6, user: '医疗卫生,社会保障' },
  { word: '最低生活保障', dept: 3, user: '社会救助' },
  { word: '不动产登记', dept: 5, user: '住房保障', corp: '准营准办' },
  { word: '出生医学证明', dept: 4, user: '生育收养' },
  { word: '户籍', dept: 1, user: '户籍办理' },
  { word: '机动车驾驶证', dept: 1, user: '交通出行' },
  { word: '普通护照', dept: 1, user: '出境入境' },
  { word: '退休待遇', dept: 0, user: '社会保障,退休养老' },
  { word: '残疾人证', dept: 3, user: '残疾人服务' },
  { word: '居住证', dept: 1, user: '户籍办理' },
  { word: '个人所得税', dept: 7, user: '纳税缴费', corp: '税务办理' },
  { word: '结婚登记', dept: 3, user: '婚姻登记' },
  { word: '城乡居民养老保险', dept: 0, user: '社会保障,退休养老' },
  { word: '失业保险金', dept: 0, user: '就业创业,社会保障' },
  { word: '工伤认定', dept: 0, user: '社会保障', corp: '职工管理' },
  { word: '食品经营许可', dept: 2, corp: '准营准办', legal: true },
];
const ACTIONS = ['申领', '补领', '换领', '变更', '注销', '查询', '证明开具', '打印', '提取', '缴存', '提前还款', '预约', '登记', '备案', '审核', '认定', '发放', '转移接续'];
const DEPTS = ['人力资源和社会保障局', '公安分局', '市场监督管理局', '民政局', '卫生健康委员会', '规划和自然资源局', '医疗保障局', '税务局', '住房公积金管理中心'];
const QUALIFIERS = ['（首次申领）', '（补办）', '（个人）', '（单位）', '（线上）', '（跨省通办）', '（港澳台居民）', '（老年人）'];
/** The 9-character organisation codes of the departments, stable per department, and a check character. */
const ORG = (dept: number) => `MB${String(2000000 + dept * 137).padStart(7, '0')}`;

/** The 18-character 统一社会信用代码 of a department in a region: 11 (机关), the region, an organisation code. */
export const deptCodeOf = (region: string, dept: number): string => `11${region}${ORG(dept)}X`;

/** The application form: who applies and how to reach them (from the card where it can), and how the result goes. */
const applyFormFor = (i: number, legal: boolean): PublishedFormField[] => [
  legal
    ? { field_code: 'org_name', field_name: '单位名称', field_type: 'text', is_required: '1', max_length: 100 }
    : { field_code: 'applicant_name', field_name: '申请人姓名', field_type: 'text', is_required: '1', max_length: 50, prefill: 'applicant-name' },
  { field_code: 'applicant_id_number', field_name: legal ? '经办人身份证号码' : '身份证号码', field_type: 'id-number', is_required: '1', prefill: 'applicant-id-number' },
  { field_code: 'contact_mobile', field_name: '联系电话', field_type: 'phone', is_required: '1' },
  { field_code: 'address', field_name: '联系地址', field_type: 'text', is_required: i % 2 === 0 ? '1' : '0', max_length: 200, prefill: 'applicant-address' },
  { field_code: 'delivery', field_name: '结果领取方式', field_type: 'select', is_required: '1', options: ['窗口领取', '邮寄送达', '24小时自助证照柜领取'] },
  { field_code: 'remark', field_name: '备注', field_type: 'textarea', is_required: '0', max_length: 500 },
];

const materialsFor = (word: string, i: number, legal: boolean): PublishedMaterial[] => {
  const list: PublishedMaterial[] = [
    legal
      ? { material_name: '法定代表人身份证明', order_num: 1, is_need: '1', material_form: '1', page_num: 1, source_type: '10' }
      : { material_name: '居民身份证', order_num: 1, is_need: '1', material_form: '1', page_num: 1, source_type: '20', license_code: CERTIFICATE_TYPES.idCard },
    { material_name: `${word}申请表`, order_num: 2, is_need: '1', material_form: '3', page_num: 1, source_type: '10', is_form: '1', form_guid: `https://zwdt.example.gov.cn/forms/${i % 97}.pdf`, example_guid: `https://zwdt.example.gov.cn/samples/${i % 97}.pdf` },
  ];
  if (i % 3 === 0) list.push({ material_name: '户口簿', order_num: 3, is_need: '0', material_form: '1', page_num: 1, source_type: '20', license_code: CERTIFICATE_TYPES.householdRegister });
  if (i % 4 === 0) list.push({ material_name: '近期免冠照片', order_num: 4, is_need: '2', material_form: '1', page_num: 2, source_type: '10' });
  if (i % 6 === 0) list.push({ material_name: '无犯罪记录证明', order_num: 5, is_need: '1', material_form: '1', page_num: 1, source_type: '20', is_promise: '1' });
  return list;
};

interface GuideShape {
  index: number;
  name: string;
  item: (typeof ITEMS)[number];
  region: readonly [string, string];
  level: '3' | '4' | '5';
  handleArea?: string;
}

const guideOf = ({ index: i, name, item, region, level, handleArea }: GuideShape): PublishedGuide => {
  const [regionName, regionCode] = region;
  const deptCode = deptCodeOf(regionCode, item.dept);
  const catalog = `0001${String(ITEMS.indexOf(item)).padStart(2, '0')}${String(i % 1_000_000).padStart(6, '0')}`;
  const legal = item.legal === true;
  const kioskCapable = i % 5 !== 0;
  return {
    task_code: `${deptCode}${level}${catalog}${String(Math.floor(i / 1_000_000)).padStart(5, '0')}`,
    catalog_code: catalog,
    task_name: name,
    task_type: i % 11 === 0 ? '01' : '20',
    task_version: 1,
    task_state: '1',
    dept_name: `${regionName}${DEPTS[item.dept] ?? ''}`,
    dept_code: deptCode,
    use_level: level,
    server_type: legal ? '2,3,4,5' : i % 7 === 0 ? '1,2' : '1',
    accept_condition: `申请人${legal ? '为依法设立的单位' : '为本市户籍或持有本市居住证的人员'}，材料齐全、符合法定形式。`,
    anticipate_day: 20,
    anticipate_type: '1',
    promise_day: 1 + (i % 15),
    promise_type: '1',
    is_fee: i % 9 === 0 ? '1' : '0',
    handle_flow: '1. 提交申请；2. 受理审查；3. 作出决定；4. 送达结果。',
    transact_addr: `${regionName}行政服务中心一楼综合窗口`,
    transact_time: '工作日 9:00-17:00；24小时自助服务区全天',
    link_way: '021-12345',
    is_service_terminals: kioskCapable ? '1' : '0',
    online_handle_url: `https://zwdt.example.gov.cn/item/${catalog}`,
    ...(item.user === undefined ? {} : { user_topic_type: item.user }),
    ...(item.corp === undefined ? {} : { corp_topic_type: item.corp }),
    ...(handleArea === undefined ? {} : { handle_area: handleArea }),
    popularity: i % 97,
    materials: materialsFor(item.word, i, legal),
    apply_form: applyFormFor(i, legal),
    fees: i % 9 === 0 ? [{ fee_name: '工本费', fee_stand: '20元/证' }] : [],
  };
};

/** Real 一件事 life events and the items each brings together. */
const BUNDLES: ReadonlyArray<{ code: string; name: string; desc: string; legal?: boolean; members: ReadonlyArray<[word: string, action: string]> }> = [
  { code: '001', name: '新生儿出生“一件事”', desc: '出生医学证明、户口登记、医保参保、社保卡申领一次办', members: [['出生医学证明', '申领'], ['户籍', '登记'], ['医疗保障', '登记'], ['社会保障卡', '申领']] },
  { code: '002', name: '退休“一件事”', desc: '退休待遇核定、医保待遇、公积金提取一次办', members: [['退休待遇', '认定'], ['医疗保障', '变更'], ['住房公积金', '提取']] },
  { code: '003', name: '开办企业“一件事”', desc: '营业执照、涉税事项、员工参保一次办', legal: true, members: [['营业执照', '申领'], ['个人所得税', '登记'], ['工伤认定', '备案']] },
];

/**
 * How the names are made: `varied` (the default) puts a district before some and a qualifier after half, so tens of
 * thousands of 100,000 names are distinct; `standard` gives the standardised item names every office shares
 * (hundreds of distinct names); `per-office` gives each guide its own name, the item followed by its office (about
 * 30 characters; every name distinct up to 300,000 guides), as some provinces' exports write them.
 */
export type CatalogueNames = 'varied' | 'standard' | 'per-office';

/** Streets and towns of each district (in DISTRICTS' order), whose 社区事务受理服务中心 take natural persons' items. */
const TOWNS: ReadonlyArray<readonly string[]> = [
  ['陆家嘴街道', '花木街道', '张江镇', '川沙新镇', '金桥镇', '北蔡镇'],
  ['南京东路街道', '外滩街道', '豫园街道', '淮海中路街道', '老西门街道'],
  ['徐家汇街道', '田林街道', '枫林路街道', '漕河泾街道', '华泾镇'],
  ['新华路街道', '天山路街道', '仙霞新村街道', '虹桥街道', '新泾镇'],
  ['静安寺街道', '南京西路街道', '曹家渡街道', '大宁路街道', '彭浦镇'],
  ['长寿路街道', '曹杨新村街道', '真如镇街道', '长征镇', '桃浦镇'],
  ['四川北路街道', '欧阳路街道', '曲阳路街道', '江湾镇街道', '凉城新村街道'],
  ['五角场街道', '平凉路街道', '控江路街道', '新江湾城街道', '殷行街道'],
  ['江川路街道', '古美路街道', '莘庄镇', '七宝镇', '浦江镇', '梅陇镇'],
  ['友谊路街道', '吴淞街道', '大场镇', '顾村镇', '罗店镇'],
  ['新成路街道', '安亭镇', '南翔镇', '马陆镇', '江桥镇'],
  ['石化街道', '朱泾镇', '枫泾镇', '亭林镇', '金山卫镇'],
  ['岳阳街道', '方松街道', '九亭镇', '泗泾镇', '佘山镇'],
  ['夏阳街道', '赵巷镇', '朱家角镇', '徐泾镇', '华新镇'],
  ['南桥镇', '奉城镇', '庄行镇', '金汇镇', '青村镇'],
  ['城桥镇', '堡镇', '陈家镇', '新河镇', '长兴镇'],
];
const TOWN_OFFICE = '社区事务受理服务中心';

/** A per-office name: the n-th of every (item, action, qualifier, office) combination, visited in a scattered order. */
const perOfficeName = (n: number) => {
  const offices = [...DISTRICTS.map((_district, d) => ({ district: d, town: -1 })), ...TOWNS.flatMap((towns, d) => towns.map((_town, t) => ({ district: d, town: t })))];
  const qualifiers = ['', ...QUALIFIERS];
  const total = ITEMS.length * ACTIONS.length * qualifiers.length * offices.length;
  // 7,919 is prime and divides no factor of the total, so i ↦ i·7919 mod total visits every combination once.
  let c = (n * 7919) % total;
  const item = ITEMS[c % ITEMS.length] as (typeof ITEMS)[number];
  c = Math.floor(c / ITEMS.length);
  const action = ACTIONS[c % ACTIONS.length] ?? '';
  c = Math.floor(c / ACTIONS.length);
  const qualifier = qualifiers[c % qualifiers.length] ?? '';
  c = Math.floor(c / qualifiers.length);
  const office = offices[c] ?? { district: 0, town: -1 };
  const district = DISTRICTS[office.district] ?? CITY;
  const deptName = office.town < 0 ? `${district[0]}${DEPTS[item.dept] ?? ''}` : `${district[0]}${TOWNS[office.district]?.[office.town] ?? ''}${TOWN_OFFICE}`;
  return { item, region: district, name: `${item.word}${action}${qualifier}（${deptName}）`, deptName, town: office.town };
};

/**
 * The platform's catalogue for the demo, the tests and the benchmarks: item words, actions and qualifiers of real
 * items, offered by many departments of 16 districts and the city (some 全市通办), so that words are shared and one
 * item appears many times (how many names are distinct: CatalogueNames); every guide has conditions, time limits,
 * places, materials (some 容缺, some 告知承诺) and themes; each district offers the 一件事 bundles. Deterministic:
 * the same count and names give the same catalogue.
 */
export const generateCatalogue = (count: number, names: CatalogueNames = 'varied'): PublishedCatalogueData => {
  let seed = 20261123;
  // A 32-bit linear congruential generator in exact integer arithmetic; its high bits, as its low bits repeat soon.
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed >>> 16;
  };
  const pick = <T>(list: readonly T[]): T => list[next() % list.length] as T;
  const guides: PublishedGuide[] = [];
  const bundles: PublishedBundle[] = [];
  // Bundles first (their members are the first guides), only when there is room for them.
  if (count >= DISTRICTS.length * 10 * 2) {
    for (const district of DISTRICTS) {
      for (const bundle of BUNDLES) {
        const codes = bundle.members.map(([word, action]) => {
          const item = ITEMS.find((candidate) => candidate.word === word) ?? (ITEMS[0] as (typeof ITEMS)[number]);
          const guide = guideOf({ index: guides.length, name: `${word}${action}`, item, region: district, level: '4' });
          guides.push({ ...guide, is_service_terminals: '1', ...(bundle.legal === true ? {} : { server_type: '1' }) });
          return guide.task_code;
        });
        bundles.push({
          bundle_code: `YJS-${district[1]}-${bundle.code}`,
          bundle_name: bundle.name,
          bundle_desc: bundle.desc,
          area_code: district[1],
          server_type: bundle.legal === true ? '2,3,4,5' : '1',
          task_codes: codes,
          popularity: 90,
        });
      }
    }
  }
  while (guides.length < count) {
    const index = guides.length;
    let guide: PublishedGuide;
    if (names === 'per-office') {
      const office = perOfficeName(index);
      guide = guideOf({ index, name: office.name, item: office.item, region: office.region, level: office.town < 0 ? '4' : '5' });
      if (office.town >= 0) guide = { ...guide, dept_name: office.deptName, dept_code: deptCodeOf(office.region[1], 10 + office.town), server_type: '1' };
    } else {
      const item = pick(ITEMS);
      const cityLevel = next() % 10 === 0;
      const district = pick(DISTRICTS);
      const region = cityLevel ? CITY : district;
      const prefix = !cityLevel && next() % 5 < 2 ? district[0] : '';
      const qualifier = next() % 2 === 0 ? pick(QUALIFIERS) : '';
      const action = pick(ACTIONS);
      // Standard names: the item and the action, and for a few items a fixed qualifier.
      const standardQualifier = QUALIFIERS[(ITEMS.indexOf(item) * 7 + ACTIONS.indexOf(action)) % 24] ?? '';
      const name = names === 'standard' ? `${item.word}${action}${standardQualifier}` : `${prefix}${item.word}${action}${qualifier}`;
      guide = guideOf({ index, name, item, region, level: cityLevel ? '3' : '4', ...(next() % 8 === 0 ? { handleArea: '全市通办' } : {}) });
    }
    // A few scheduled changes: not yet in force, or withdrawn.
    if (index % 200 === 7) guide.plan_effective_date = '2099-01-01';
    if (index % 200 === 11) guide.plan_cancel_date = '2020-01-01';
    guides.push(guide);
  }
  return { guides, bundles };
};
