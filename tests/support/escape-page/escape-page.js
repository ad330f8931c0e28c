// The escape page's script: a key tries one vector from the page itself, as a script that got into the kiosk would
// (with the user activation a key press gives), and the result goes into the title, which the suite reads from the
// X window's name. Nothing on screen changes by it: only an escape would.
const report = (vector, result) => {
  document.title = `${vector}: ${result}`;
};
const outcome = async (vector, attempt) => {
  try {
    report(vector, `ok ${String(await attempt())}`);
  } catch (error) {
    report(vector, `refused ${error instanceof Error ? error.name : String(error)}`);
  }
};

const vectors = {
  o: () => outcome('window.open', () => (window.open('https://example.com/') === null ? 'null' : 'a window')),
  b: () => outcome('window.open _blank', () => (window.open('/', '_blank') === null ? 'null' : 'a window')),
  p: () => outcome('print', () => (window.print(), 'returned')),
  l: () => outcome('location external', () => ((location.href = 'https://example.com/'), 'assigned')),
  d: () => outcome('location data', () => ((location.href = 'data:text/html,escaped'), 'assigned')),
  r: () => outcome('location reload', () => (location.reload(), 'called')),
  t: () =>
    outcome('beforeunload trap', () => {
      window.addEventListener('beforeunload', (event) => {
        event.preventDefault();
        event.returnValue = 'stay';
      });
      return 'set';
    }),
  x: () => outcome('download', () => (document.getElementById('download').click(), 'clicked')),
  f: () => outcome('file input', () => (document.getElementById('file').click(), 'clicked')),
  F: () => outcome('file picker', () => (document.getElementById('file').showPicker(), 'shown')),
  n: () => outcome('notification', () => Notification.requestPermission()),
  g: () =>
    outcome(
      'geolocation',
      () =>
        new Promise((resolve, reject) =>
          navigator.geolocation.getCurrentPosition(
            () => resolve('a position'),
            (error) => reject(Object.assign(new Error(error.message), { name: `code ${error.code}` })),
            { timeout: 5000 },
          ),
        ),
    ),
  m: () => outcome('microphone', () => navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'a stream')),
  c: () => outcome('camera', () => navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'a stream')),
  h: () => outcome('webhid', () => navigator.hid.requestDevice({ filters: [] }).then((devices) => `${devices.length} devices`)),
  s: () => outcome('webserial', () => navigator.serial.requestPort().then(() => 'a port')),
  u: () => outcome('webusb', () => navigator.usb.requestDevice({ filters: [] }).then(() => 'a device')),
};

window.addEventListener('keydown', (event) => vectors[event.key]?.());
window.addEventListener('mouseup', () => report('selection', `${String(window.getSelection()?.toString().length ?? 0)} characters`));
await window.kiosk.call('kiosk.hello', { apiVersion: 1 });
report('ready', 'hello said');
