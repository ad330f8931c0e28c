/** A guide in the exchange format's national field names, as this platform publishes it. */
export interface PublishedGuide {
  task_code: string;
  task_name: string;
  task_type: string;
  task_version: number;
  task_state: string;
  dept_name: string;
  server_type: string;
  is_service_terminals: '0' | '1';
  popularity: number;
  materials: Array<{ material_name: string; is_need: '0' | '1' | '2' }>;
  fees: Array<{ fee_name: string; fee_stand: string }>;
}

/**
 * The platform's catalogue for the demo, the tests and the benchmarks: item words and actions of real items, qualifiers and district prefixes, offered
 * by many departments in 16 districts, so that words are shared, one item appears many times, and tens of thousands
 * of names are distinct (more than a real hall's catalogue has). Deterministic.
 */
const ITEMS = ['社会保障卡', '住房公积金', '居民身份证', '营业执照', '医疗保障', '最低生活保障', '不动产登记', '出生医学证明', '户籍', '机动车驾驶证', '普通护照', '退休待遇', '残疾人证', '居住证', '个人所得税', '结婚登记', '城乡居民养老保险', '失业保险金', '工伤认定', '食品经营许可'];
const ACTIONS = ['申领', '补领', '换领', '变更', '注销', '查询', '证明开具', '打印', '提取', '缴存', '提前还款', '预约', '登记', '备案', '审核', '认定', '发放', '转移接续'];
const DISTRICTS = ['浦东新区', '黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区', '宝山区', '嘉定区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区'];
const DEPTS = ['人力资源和社会保障局', '公安分局', '市场监督管理局', '民政局', '卫生健康委员会', '规划和自然资源局', '医疗保障局', '税务局'];
const QUALIFIERS = ['（首次申领）', '（补办）', '（个人）', '（单位）', '（线上）', '（跨省通办）', '（港澳台居民）', '（老年人）'];

export const generateGuides = (count: number): PublishedGuide[] => {
  let seed = 20261123;
  // A 32-bit linear congruential generator in exact integer arithmetic; its high bits, as its low bits repeat soon.
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed >>> 16;
  };
  const pick = <T>(list: readonly T[]): T => list[next() % list.length] as T;
  return Array.from({ length: count }, (_unused, i) => {
    const district = pick(DISTRICTS);
    const prefix = next() % 5 < 2 ? district : '';
    const qualifier = next() % 2 === 0 ? pick(QUALIFIERS) : '';
    return {
      task_code: `1131${String(i).padStart(10, '0')}A400010010${String(i % 10_000).padStart(4, '0')}`,
      task_name: `${prefix}${pick(ITEMS)}${pick(ACTIONS)}${qualifier}`,
      task_type: '20',
      task_version: 1,
      task_state: '1',
      dept_name: `${district}${pick(DEPTS)}`,
      server_type: i % 7 === 0 ? '2,5' : '1',
      is_service_terminals: i % 5 === 0 ? '0' : '1',
      popularity: i % 97,
      materials: [{ material_name: '居民身份证', is_need: '1' }],
      fees: [],
    };
  });
};
