import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** One datagram that arrived, and when (ms since the socket opened). */
export interface NotifyMessage {
  at: number;
  text: string;
}

/**
 * A real NOTIFY_SOCKET: a unix datagram socket that reads what `systemd-notify` sends as systemd does, closing
 * the descriptor a BARRIER=1 carries (systemd-notify waits for that before it exits). Python, because Node
 * cannot receive unix datagrams and socat keeps the descriptor open, so every barrier would time out.
 */
const RECEIVER = `
import array, json, os, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
start = time.monotonic()
print(json.dumps({"at": 0, "text": ""}), flush=True)
while True:
    data, ancillary, _flags, _addr = s.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i"); fds.frombytes(payload[: len(payload) - len(payload) % 4])
            for fd in fds: os.close(fd)
    print(json.dumps({"at": round((time.monotonic() - start) * 1000), "text": data.decode()}), flush=True)
`;

export const notifySocket = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-notify-'));
  const socketPath = path.join(dir, 'notify');
  const child = spawn('/usr/bin/python3', ['-c', RECEIVER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: NotifyMessage[] = [];
  let buffered = '';
  const opened = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line) as NotifyMessage;
        if (message.text === '') resolve();
        else messages.push(message);
      }
    });
  });
  await opened;
  await access(socketPath);
  return {
    path: socketPath,
    /** The messages but the barriers systemd-notify adds to each. */
    messages: () => messages.filter((message) => message.text !== 'BARRIER=1'),
    async close() {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
};
