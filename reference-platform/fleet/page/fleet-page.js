/**
 * The fleet page (reference-platform/fleet/fleet-page-server.ts serves it): plain DOM, no framework. The terminals
 * come as Server-Sent Events from /events; a terminal's detail from /api/terminals/:id, fetched again when its
 * revision moves. What a terminal sent is untrusted: it is only ever set as text, never as markup.
 */

/** Every string an operator reads, in one place (zh-CN). */
const TEXT = {
  title: '终端监控',
  subtitle: '参考平台 · 未接入 ThingsBoard 的大厅使用',
  connecting: '正在连接监控服务…',
  live: '实时更新中',
  disconnected: '与监控服务的连接中断，正在重连…',
  listHeading: '终端列表',
  listCaption: '终端列表：状态、告警、版本、待发送、打印纸、设备与最后在线时间',
  summary: (total, online, alerting) => `共 ${total} 台终端，${online} 台在线，${alerting} 台有告警`,
  noTerminals: '还没有终端连接。终端连上后会自动出现在这里。',
  columns: ['终端', '状态', '告警', '应用版本', '待发送', '打印纸', '设备', '最后在线'],
  showDetail: (id) => `查看终端 ${id} 的详情`,
  online: '● 在线',
  offline: '○ 离线',
  none: '无',
  unknown: '—',
  never: '从未',
  alertCount: (count) => `⚠ ${count} 条：`,
  outbox: (queued, attention) => (attention > 0 ? `${queued ?? '—'}（${attention} 条需处理）` : `${queued ?? '—'}`),
  paper: { ok: '正常', 'near-end': '将尽', out: '缺纸', unknown: '未知' },
  deviceState: { ready: '就绪', degraded: '降级', offline: '离线', error: '故障', unknown: '未知' },
  alertKind: {
    'paper-out': '打印纸用完',
    'door-jammed': '柜门卡住',
    'door-left-open': '柜门未关',
    'device-offline': '设备离线',
    'outbox-needs-attention': '待发送数据需处理',
    'kiosk-crash-loop': '界面反复崩溃',
    'host-crash-loop': '主程序反复崩溃',
    'help-requested': '群众呼叫工作人员',
    'terminal-out-of-service': '终端暂停服务',
  },
  raised: '告警',
  cleared: '已解除',
  detailHeading: (id) => `终端 ${id}`,
  closeDetail: '关闭详情',
  facts: {
    state: '状态',
    terminalId: '终端编号',
    hall: '大厅',
    appVersion: '应用版本',
    lastSeen: '最后在线',
    outbox: '待发送',
    paper: '打印纸',
    platform: '政务平台',
    outOfService: '服务状态',
  },
  platformReachable: { true: '可连接', false: '不可连接' },
  outOfService: { true: '暂停服务', false: '正常服务' },
  devicesHeading: '设备',
  noDevices: '终端尚未报告设备状态。',
  commandsHeading: '远程命令',
  commands: {
    getDeviceStates: '查询设备状态',
    getOutbox: '查询待发送队列',
    reloadCatalogue: '重新加载事项目录',
    printTestPage: '打印测试页',
    restart: '重启终端',
    setOutOfServiceOn: '暂停服务',
    setOutOfServiceOff: '恢复服务',
    openLockerDoor: '打开柜门',
    setLogLevel: '设置日志级别',
  },
  serviceLegend: '服务状态',
  lockerLegend: '打开柜门',
  cabinet: '柜号',
  door: '门号',
  logLegend: '日志级别',
  level: '级别',
  minutes: '时长（分钟）',
  sending: (label) => `正在发送“${label}”，等待终端回复…`,
  replied: (label) => `终端已回复“${label}”：`,
  failed: (label, message) => `“${label}”失败：${message}`,
  badNumber: (field) => `${field}必须是正整数。`,
  sharedHeading: '共享属性',
  sharedHint: '发给终端并保存，终端之后请求时也会收到。值须为 JSON，例如 "0.2.0"、true、{"a": 1}。',
  sharedKey: '属性名',
  sharedValue: '值（JSON）',
  sharedSubmit: '发送共享属性',
  sharedCurrent: '已设置的共享属性',
  sharedNone: '尚未设置共享属性。',
  sharedSent: (key) => `已发送共享属性 ${key}。`,
  sharedBadKey: '属性名只能包含字母、数字和 _ . : @ -，最长 128 个字符。',
  sharedBadJson: (message) => `值不是有效的 JSON：${message}`,
  timelineHeading: '告警记录（最新在前）',
  noAlerts: '没有告警记录。',
  telemetryHeading: '最新遥测',
  noTelemetry: '终端尚未发送遥测。',
  attributesHeading: '终端属性',
  noAttributes: '终端尚未发送属性。',
  telemetryAt: (time) => `采集于 ${time}`,
  key: '名称',
  value: '值',
  requestFailed: (status) => `请求失败（HTTP ${status}）`,
  networkFailed: '无法连接监控服务',
};

const KEY = /^[A-Za-z0-9_.:@-]{1,128}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** An element with attributes (`text` sets its text, `on…` a listener) and children (strings become text). */
const h = (tag, attributes = {}, ...children) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) element.append(child);
  return element;
};

const time = (ms) => (ms === null || ms === undefined ? TEXT.never : new Date(ms).toLocaleString('zh-CN', { hour12: false }));
const timeElement = (ms) => (ms === null || ms === undefined ? document.createTextNode(TEXT.never) : h('time', { datetime: new Date(ms).toISOString(), text: time(ms) }));
const orDash = (value) => (value === null || value === undefined || value === '' ? TEXT.unknown : String(value));
const kindLabel = (kind) => TEXT.alertKind[kind] ?? kind;
const json = (value) => JSON.stringify(value, null, 2);
const statusElement = (online) => h('span', { class: online ? 'status online' : 'status offline', text: online ? TEXT.online : TEXT.offline });
const devicesText = (devices) => (devices.length === 0 ? TEXT.unknown : devices.map((device) => `${device.id}：${TEXT.deviceState[device.state] ?? device.state}`).join('，'));
const alertsElement = (alerts) =>
  alerts.length === 0 ? h('span', { text: TEXT.none }) : h('span', { class: 'alerting', text: TEXT.alertCount(alerts.length) + alerts.map((alert) => kindLabel(alert.kind)).join('、') });

const api = async (path, body) => {
  let response;
  try {
    response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new Error(TEXT.networkFailed);
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(answer?.error?.message ?? TEXT.requestFailed(response.status));
  return answer;
};

// The page's frame
const connection = h('p', { class: 'connection', role: 'status', text: TEXT.connecting });
const summary = h('p', { class: 'summary' });
const rows = h('tbody');
const table = h(
  'table',
  { class: 'terminals' },
  h('caption', { class: 'visually-hidden', text: TEXT.listCaption }),
  h('thead', {}, h('tr', {}, TEXT.columns.map((column) => h('th', { scope: 'col', text: column })))),
  rows,
);
const empty = h('p', { class: 'empty', text: TEXT.noTerminals });
const detail = h('section', { class: 'detail', 'aria-labelledby': 'detail-heading', hidden: true });

document.getElementById('app').replaceChildren(
  h('header', { class: 'top' }, h('h1', { text: TEXT.title }), h('p', { class: 'subtitle', text: TEXT.subtitle }), connection),
  h('main', {}, h('section', { class: 'list', 'aria-labelledby': 'list-heading' }, h('h2', { id: 'list-heading', text: TEXT.listHeading }), summary, table, empty), detail),
);

// The list: rows kept per terminal and updated in place, so that focus and a selection survive every update.
const rowsById = new Map();
let terminals = [];
let selected = null;

const renderList = () => {
  const alerting = terminals.filter((terminal) => terminal.activeAlerts.length > 0).length;
  summary.textContent = TEXT.summary(terminals.length, terminals.filter((terminal) => terminal.online).length, alerting);
  empty.hidden = terminals.length > 0;
  table.hidden = terminals.length === 0;
  const seen = new Set();
  for (const terminal of terminals) {
    seen.add(terminal.id);
    let row = rowsById.get(terminal.id);
    if (row === undefined) {
      const button = h('button', { type: 'button', class: 'link', onclick: () => void select(terminal.id) });
      row = { element: h('tr', { 'data-terminal': terminal.id }), button, cells: [] };
      rowsById.set(terminal.id, row);
    }
    const { button } = row;
    button.textContent = terminal.id;
    button.setAttribute('aria-label', TEXT.showDetail(terminal.id));
    if (selected === terminal.id) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    const who = [terminal.terminalId, terminal.hall].filter((part) => part !== null && part !== terminal.id).join(' · ');
    row.element.replaceChildren(
      h('th', { scope: 'row' }, button, who === '' ? null : h('span', { class: 'who', text: who })),
      h('td', {}, statusElement(terminal.online)),
      h('td', {}, alertsElement(terminal.activeAlerts)),
      h('td', { text: orDash(terminal.appVersion) }),
      h('td', { text: TEXT.outbox(terminal.outboxQueued, terminal.outboxNeedsAttention ?? 0) }),
      h('td', { text: terminal.printerPaper === null ? TEXT.unknown : TEXT.paper[terminal.printerPaper] }),
      h('td', { text: devicesText(terminal.devices) }),
      h('td', {}, timeElement(terminal.lastSeen)),
    );
    rows.append(row.element);
  }
  for (const [id, row] of rowsById) {
    if (!seen.has(id)) {
      row.element.remove();
      rowsById.delete(id);
    }
  }
};

// The detail: its controls are built once per terminal; what the terminal reports is redrawn in its own parts.
const detailParts = {
  heading: h('h2', { id: 'detail-heading', tabindex: '-1' }),
  facts: h('dl', { class: 'facts' }),
  devices: h('div'),
  timeline: h('div'),
  telemetry: h('div'),
  attributes: h('div'),
  shared: h('div'),
};
let shownRevision = -1;

const factsOf = (terminal) => [
  [TEXT.facts.state, statusElement(terminal.online)],
  [TEXT.facts.terminalId, orDash(terminal.terminalId)],
  [TEXT.facts.hall, orDash(terminal.hall)],
  [TEXT.facts.appVersion, orDash(terminal.appVersion)],
  [TEXT.facts.lastSeen, timeElement(terminal.lastSeen)],
  [TEXT.facts.outbox, TEXT.outbox(terminal.outboxQueued, terminal.outboxNeedsAttention ?? 0)],
  [TEXT.facts.paper, terminal.printerPaper === null ? TEXT.unknown : TEXT.paper[terminal.printerPaper]],
  [TEXT.facts.platform, terminal.platformReachable === null ? TEXT.unknown : TEXT.platformReachable[terminal.platformReachable]],
  [TEXT.facts.outOfService, terminal.outOfService === null ? TEXT.unknown : TEXT.outOfService[terminal.outOfService]],
];

const keyValueTable = (object, caption) =>
  h(
    'table',
    { class: 'values' },
    h('caption', { class: 'visually-hidden', text: caption }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: TEXT.key }), h('th', { scope: 'col', text: TEXT.value }))),
    h(
      'tbody',
      {},
      Object.entries(object)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => h('tr', {}, h('th', { scope: 'row', text: key }), h('td', {}, typeof value === 'object' && value !== null ? h('code', { text: JSON.stringify(value) }) : String(value)))),
    ),
  );

const renderDetail = (terminal) => {
  shownRevision = terminal.revision;
  detailParts.heading.textContent = TEXT.detailHeading(terminal.id);
  detailParts.facts.replaceChildren(...factsOf(terminal).flatMap(([term, value]) => [h('dt', { text: term }), h('dd', {}, value)]));
  detailParts.devices.replaceChildren(
    terminal.devices.length === 0
      ? h('p', { text: TEXT.noDevices })
      : h(
          'ul',
          { class: 'devices' },
          terminal.devices.map((device) => h('li', { class: `device ${device.state}`, text: `${device.id}：${TEXT.deviceState[device.state] ?? device.state}` })),
        ),
  );
  detailParts.timeline.replaceChildren(
    terminal.alerts.length === 0
      ? h('p', { text: TEXT.noAlerts })
      : h(
          'ol',
          { class: 'timeline' },
          terminal.alerts.map((alert) =>
            h(
              'li',
              { class: alert.cleared ? 'cleared' : 'raised' },
              timeElement(alert.at),
              ' ',
              h('span', { class: 'alert-state', text: alert.cleared ? TEXT.cleared : TEXT.raised }),
              ' ',
              h('strong', { text: kindLabel(alert.kind) }),
              alert.message === '' ? null : h('span', { text: ` — ${alert.message}` }),
              alert.detail === undefined ? null : h('code', { class: 'alert-detail', text: JSON.stringify(alert.detail) }),
            ),
          ),
        ),
  );
  detailParts.telemetry.replaceChildren(
    Object.keys(terminal.telemetry).length === 0
      ? h('p', { text: TEXT.noTelemetry })
      : h('div', {}, h('p', { text: TEXT.telemetryAt(time(terminal.telemetryAt)) }), keyValueTable(terminal.telemetry, TEXT.telemetryHeading)),
  );
  detailParts.attributes.replaceChildren(Object.keys(terminal.attributes).length === 0 ? h('p', { text: TEXT.noAttributes }) : keyValueTable(terminal.attributes, TEXT.attributesHeading));
  detailParts.shared.replaceChildren(Object.keys(terminal.shared).length === 0 ? h('p', { text: TEXT.sharedNone }) : h('pre', { class: 'json', text: json(terminal.shared) }));
};

const numberField = (label, attributes) => {
  const input = h('input', { type: 'number', inputmode: 'numeric', min: '1', step: '1', ...attributes });
  return { input, element: h('label', { class: 'field' }, h('span', { text: label }), input) };
};

const buildControls = (id) => {
  const reply = h('div', { class: 'reply', role: 'status', 'aria-live': 'polite' });
  const send = async (label, method, params) => {
    reply.replaceChildren(h('p', { text: TEXT.sending(label) }));
    try {
      const answer = await api(`/api/terminals/${encodeURIComponent(id)}/rpc`, { method, params });
      if (selected === id) reply.replaceChildren(h('p', { text: TEXT.replied(label) }), h('pre', { class: 'json', 'data-rpc-reply': method, text: json(answer.response) }));
    } catch (error) {
      if (selected === id) reply.replaceChildren(h('p', { class: 'error', text: TEXT.failed(label, error.message) }));
    }
  };
  const command = (label, method, params = {}) => h('button', { type: 'button', onclick: () => void send(label, method, params), text: label });

  const cabinet = h('input', { type: 'text', value: 'A柜', maxlength: '64', required: true });
  const door = numberField(TEXT.door, { value: '1', max: '9999', required: true });
  const minutes = numberField(TEXT.minutes, { value: '30', max: '1440', required: true });
  const level = h('select', {}, LOG_LEVELS.map((name) => h('option', { value: name, selected: name === 'debug', text: name })));
  const whole = (input, field) => {
    const value = Number(input.value);
    if (Number.isInteger(value) && value >= 1) return value;
    reply.replaceChildren(h('p', { class: 'error', text: TEXT.badNumber(field) }));
    input.focus();
    return null;
  };

  const key = h('input', { type: 'text', id: 'shared-key', required: true, maxlength: '128', autocomplete: 'off', 'aria-describedby': 'shared-hint' });
  const value = h('textarea', { id: 'shared-value', rows: '4', required: true, spellcheck: 'false', 'aria-describedby': 'shared-hint shared-error' });
  const sharedError = h('p', { id: 'shared-error', class: 'error', role: 'alert' });
  const sharedResult = h('p', { role: 'status' });
  const invalid = (field, message) => {
    field.setAttribute('aria-invalid', 'true');
    sharedError.textContent = message;
    field.focus();
  };
  const submitShared = async (event) => {
    event.preventDefault();
    key.removeAttribute('aria-invalid');
    value.removeAttribute('aria-invalid');
    sharedError.textContent = '';
    sharedResult.textContent = '';
    const name = key.value.trim();
    if (!KEY.test(name)) return invalid(key, TEXT.sharedBadKey);
    let parsed;
    try {
      parsed = JSON.parse(value.value);
    } catch (error) {
      return invalid(value, TEXT.sharedBadJson(error.message));
    }
    try {
      await api(`/api/terminals/${encodeURIComponent(id)}/attributes`, { [name]: parsed });
      sharedResult.textContent = TEXT.sharedSent(name);
    } catch (error) {
      sharedError.textContent = error.message;
    }
  };

  return [
    h(
      'section',
      { class: 'commands', 'aria-labelledby': 'commands-heading' },
      h('h3', { id: 'commands-heading', text: TEXT.commandsHeading }),
      h(
        'div',
        { class: 'buttons' },
        command(TEXT.commands.getDeviceStates, 'getDeviceStates'),
        command(TEXT.commands.getOutbox, 'getOutbox'),
        command(TEXT.commands.reloadCatalogue, 'reloadCatalogue'),
        command(TEXT.commands.printTestPage, 'printTestPage'),
        command(TEXT.commands.restart, 'restart'),
      ),
      h(
        'fieldset',
        {},
        h('legend', { text: TEXT.serviceLegend }),
        command(TEXT.commands.setOutOfServiceOn, 'setOutOfService', { on: true }),
        command(TEXT.commands.setOutOfServiceOff, 'setOutOfService', { on: false }),
      ),
      h(
        'fieldset',
        {},
        h('legend', { text: TEXT.lockerLegend }),
        h('label', { class: 'field' }, h('span', { text: TEXT.cabinet }), cabinet),
        door.element,
        h('button', {
          type: 'button',
          text: TEXT.commands.openLockerDoor,
          onclick: () => {
            const number = whole(door.input, TEXT.door);
            if (number !== null) void send(TEXT.commands.openLockerDoor, 'openLockerDoor', { cabinet: cabinet.value, door: number });
          },
        }),
      ),
      h(
        'fieldset',
        {},
        h('legend', { text: TEXT.logLegend }),
        h('label', { class: 'field' }, h('span', { text: TEXT.level }), level),
        minutes.element,
        h('button', {
          type: 'button',
          text: TEXT.commands.setLogLevel,
          onclick: () => {
            const number = whole(minutes.input, TEXT.minutes);
            if (number !== null) void send(TEXT.commands.setLogLevel, 'setLogLevel', { level: level.value, minutes: number });
          },
        }),
      ),
      reply,
    ),
    h(
      'section',
      { class: 'shared', 'aria-labelledby': 'shared-heading' },
      h('h3', { id: 'shared-heading', text: TEXT.sharedHeading }),
      h(
        'form',
        { novalidate: true, onsubmit: (event) => void submitShared(event) },
        h('p', { id: 'shared-hint', class: 'hint', text: TEXT.sharedHint }),
        h('label', { class: 'field', for: 'shared-key' }, h('span', { text: TEXT.sharedKey })),
        key,
        h('label', { class: 'field', for: 'shared-value' }, h('span', { text: TEXT.sharedValue })),
        value,
        sharedError,
        h('button', { type: 'submit', text: TEXT.sharedSubmit }),
        sharedResult,
      ),
      h('h4', { text: TEXT.sharedCurrent }),
      detailParts.shared,
    ),
  ];
};

const select = async (id) => {
  const first = selected !== id;
  selected = id;
  renderList();
  let answer;
  try {
    answer = await api(`/api/terminals/${encodeURIComponent(id)}`);
  } catch (error) {
    connection.textContent = error.message;
    return;
  }
  if (selected !== id) return;
  if (first) {
    detail.replaceChildren(
      h('div', { class: 'detail-top' }, detailParts.heading, h('button', { type: 'button', onclick: closeDetail, text: TEXT.closeDetail })),
      detailParts.facts,
      h('section', { 'aria-labelledby': 'devices-heading' }, h('h3', { id: 'devices-heading', text: TEXT.devicesHeading }), detailParts.devices),
      h('section', { class: 'alerts', 'aria-labelledby': 'timeline-heading' }, h('h3', { id: 'timeline-heading', text: TEXT.timelineHeading }), detailParts.timeline),
      ...buildControls(id),
      h('section', { 'aria-labelledby': 'telemetry-heading' }, h('h3', { id: 'telemetry-heading', text: TEXT.telemetryHeading }), detailParts.telemetry),
      h('section', { 'aria-labelledby': 'attributes-heading' }, h('h3', { id: 'attributes-heading', text: TEXT.attributesHeading }), detailParts.attributes),
    );
    detail.hidden = false;
  }
  renderDetail(answer.terminal);
  if (first) detailParts.heading.focus();
};

const closeDetail = () => {
  const id = selected;
  selected = null;
  shownRevision = -1;
  detail.hidden = true;
  detail.replaceChildren();
  renderList();
  rowsById.get(id)?.button.focus();
};

// Live: the terminals as events; the shown terminal fetched again when it changed.
const events = new EventSource('/events');
events.addEventListener('open', () => (connection.textContent = TEXT.live));
events.addEventListener('error', () => (connection.textContent = TEXT.disconnected));
events.addEventListener('terminals', (event) => {
  terminals = JSON.parse(event.data).terminals;
  renderList();
  const shown = terminals.find((terminal) => terminal.id === selected);
  if (selected !== null && shown !== undefined && shown.revision !== shownRevision) void select(selected);
});
