import type { CaseRecord } from './case-store.ts';

/**
 * Cases of the made-up people on the simulator's sample cards (drivers/simulators/sample-cards.ts), so the demo
 * and the tests have something to look up. None of these people or cases exists.
 */
export const DEMO_CASES: readonly CaseRecord[] = [
  {
    caseNumber: 'SH310115202611180007',
    taskCode: '11310000002423826G3310211100100',
    taskName: '居民身份证换领（有效期满换领）',
    deptName: '上海市公安局浦东分局',
    applicantIdNumber: '110101199001011237',
    applicantName: '王测试',
    stage: 'in-review',
    stageNote: null,
    submittedAt: '2026-11-18T09:12:00+08:00',
    acceptedAt: '2026-11-18T09:20:00+08:00',
    promiseDate: '2026-12-09',
    completedAt: null,
  },
  {
    caseNumber: 'SH310115202611020031',
    taskCode: '11310000002421347A3000211012000',
    taskName: '社会保障卡申领',
    deptName: '上海市浦东新区人力资源和社会保障局',
    applicantIdNumber: '110101199001011237',
    applicantName: '王测试',
    stage: 'ready-for-pickup',
    stageNote: '社会保障卡已制作完成，可到24小时自助证照柜领取',
    submittedAt: '2026-11-02T15:40:00+08:00',
    acceptedAt: '2026-11-02T15:41:00+08:00',
    promiseDate: '2026-11-16',
    completedAt: '2026-11-12T10:05:00+08:00',
  },
  {
    caseNumber: 'SH310115202610150102',
    taskCode: '11310000002421427X4000511013000',
    taskName: '住房公积金提取（租房）',
    deptName: '上海市公积金管理中心浦东分中心',
    applicantIdNumber: '110101199001011237',
    applicantName: '王测试',
    stage: 'supplement-required',
    stageNote: '请补交：房屋租赁合同登记备案证明',
    submittedAt: '2026-10-15T11:02:00+08:00',
    acceptedAt: null,
    promiseDate: null,
    completedAt: null,
  },
  {
    caseNumber: 'SH310115202609300456',
    taskCode: '11310000002423826G3310211100200',
    taskName: '港澳台居民居住证签注',
    deptName: '上海市公安局出入境管理局',
    applicantIdNumber: '810000198507080028',
    applicantName: '陈样本',
    stage: 'completed',
    stageNote: null,
    submittedAt: '2026-09-30T14:00:00+08:00',
    acceptedAt: '2026-09-30T14:10:00+08:00',
    promiseDate: '2026-10-21',
    completedAt: '2026-10-12T16:30:00+08:00',
  },
];
