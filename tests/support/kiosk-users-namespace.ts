import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, copyFile, cp, mkdir, readdir, readFile, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildPaths } from '../../main/host/build-paths.ts';
import { runKioskctl } from './run-kioskctl.ts';

const run = promisify(execFile);

/**
 * This machine as a terminal's OS session makes it, for one process tree and without changing the machine: a
 * private mount namespace over a scratch root that `kioskctl lockdown install` filled and systemd-sysusers and
 * systemd-tmpfiles completed (`--root`). Bound over the real system there: /etc/passwd, group, shadow and gshadow
 * (the machine's accounts plus the kiosk's users), /etc/sudoers.d (the machine's plus the kiosk's rule), the
 * launcher's /usr/lib/gov-service-kiosk, and the host's and the screen's runtime directories, each a fresh tmpfs with
 * the owner and mode tmpfiles gave it. Mountpoints the machine lacks are made in an overlay of their parent whose
 * writable layer is a tmpfs of the namespace, so nothing is created on the real disk. /tmp is the namespace's own
 * (as PrivateTmp=yes gives the host's unit), but for the scratch area and the X sockets: no file Chromium leaves
 * there outlives the test.
 * Needs root, unshare, setpriv, systemd-sysusers, systemd-tmpfiles (scripts/setup-system.sh).
 */
export interface KioskUsers {
  /** The scratch root. */
  readonly root: string;
  uid(user: string): number;
  gid(group: string): number;
  /** Starts `command` as `user` (its group and supplementary groups) in a new namespace as described above. */
  spawnAs(user: string, command: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string }): ChildProcess;
  /** Runs `command` as `user` (group `group`, default the user's name) in the mount namespace of a process spawnAs started. */
  runAs(user: string, inNamespaceOf: number, command: readonly string[], group?: string): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Whether this machine can do it at all: root, and a mount namespace of one's own. */
export const canMakeKioskUsers = (): boolean => process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0;

/** What the namespace keeps of the real /tmp (each must be under it and have no space in its path). */
const keptFromTmp = (scratch: string): string[] =>
  [scratch, buildPaths.projectRoot].filter((dir) => dir.startsWith('/tmp/')).filter((dir, i, all) => all.indexOf(dir) === i);

const RUNTIME_DIRS = ['/run/gov-service-kiosk', '/run/gov-service-kiosk/launch', '/run/gov-service-kiosk-ui'] as const;

const NAMESPACE_SCRIPT = `set -eu
for file in passwd group shadow gshadow; do mount --bind "$KIOSK_ROOT/etc/$file" "/etc/$file"; done
mount --bind "$KIOSK_ROOT/etc/sudoers.d" /etc/sudoers.d
mount -t tmpfs -o mode=0700 tmpfs "$KIOSK_STAGE"
overlay() {
  mkdir "$KIOSK_STAGE/$2" "$KIOSK_STAGE/$2.work"
  mount -t overlay overlay -o "lowerdir=$1,upperdir=$KIOSK_STAGE/$2,workdir=$KIOSK_STAGE/$2.work" "$1"
}
overlay /usr/lib usr-lib
overlay /run run
mkdir -p /usr/lib/gov-service-kiosk /run/gov-service-kiosk /run/gov-service-kiosk-ui
mount --bind "$KIOSK_ROOT/usr/lib/gov-service-kiosk" /usr/lib/gov-service-kiosk
# each runtime directory: "path owner:group mode", in order (launch/ is inside the host's tmpfs)
echo "$KIOSK_RUNTIME" | while read -r dir owner mode; do
  case $dir in */launch) mkdir "$dir" ;; *) mount -t tmpfs tmpfs "$dir" ;; esac
  chown "$owner" "$dir"
  chmod "$mode" "$dir"
done
# a private /tmp, as the host's unit has (PrivateTmp=yes): what Chromium leaves in it goes with the namespace. The
# X sockets and what the host needs from the real /tmp (the scratch area; the project itself, when it was checked
# out there, as a CI machine may) stay where they are.
held=/run/kiosk-users-tmp
mkdir "$held" "$held/x11"
mount --bind /tmp/.X11-unix "$held/x11"
i=0
for keep in $KIOSK_KEEP; do
  mkdir "$held/$i"
  mount --bind "$keep" "$held/$i"
  i=$((i + 1))
done
mount -t tmpfs -o mode=1777 tmpfs /tmp
mkdir -p /tmp/.X11-unix
mount --move "$held/x11" /tmp/.X11-unix
i=0
for keep in $KIOSK_KEEP; do
  mkdir -p "$keep"
  mount --move "$held/$i" "$keep"
  i=$((i + 1))
done
rm -r "$held"
user=$1
shift
exec setpriv --reuid "$user" --regid "$user" --init-groups -- "$@"
`;

export const makeKioskUsers = async (scratch: string): Promise<KioskUsers> => {
  const root = path.join(scratch, 'root');
  const installed = await runKioskctl('lockdown', 'install', '--root', root);
  if (installed.code !== 0) throw new Error(`kioskctl lockdown install failed: ${installed.stderr}`);
  await mkdir(path.join(root, 'etc'), { recursive: true });
  for (const file of ['passwd', 'group', 'shadow', 'gshadow']) await copyFile(`/etc/${file}`, path.join(root, 'etc', file));
  await run('systemd-sysusers', [`--root=${root}`]);
  await run('systemd-tmpfiles', [`--root=${root}`, '--create', path.join(root, 'usr/lib/tmpfiles.d/gov-service-kiosk.conf')]);
  // the machine's sudo rules stay in force beside the kiosk's (sudo wants the directory root's and not writable by others)
  await cp('/etc/sudoers.d', path.join(root, 'etc', 'sudoers.d'), { recursive: true, force: false, errorOnExist: false });
  await chmod(path.join(root, 'etc', 'sudoers.d'), 0o755);

  const ids = async (file: string) =>
    new Map(
      (await readFile(path.join(root, 'etc', file), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const fields = line.split(':');
          return [fields[0] ?? '', Number(fields[2])] as const;
        }),
    );
  const users = await ids('passwd');
  const groups = await ids('group');
  const lookup = (table: Map<string, number>, name: string) => {
    const id = table.get(name);
    if (id === undefined) throw new Error(`systemd-sysusers made no ${name}`);
    return id;
  };
  const runtime = await Promise.all(
    RUNTIME_DIRS.map(async (dir) => {
      const info = await stat(path.join(root, dir));
      return `${dir} ${info.uid}:${info.gid} ${(info.mode & 0o7777).toString(8)}`;
    }),
  );
  const stage = path.join(scratch, 'namespace-stage');
  await mkdir(stage, { recursive: true });

  return {
    root,
    uid: (user) => lookup(users, user),
    gid: (group) => lookup(groups, group),
    spawnAs: (user, command, options) =>
      spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', NAMESPACE_SCRIPT, 'kiosk-users', user, ...command], {
        cwd: options.cwd,
        env: { ...options.env, KIOSK_ROOT: root, KIOSK_STAGE: stage, KIOSK_KEEP: keptFromTmp(scratch).join(' '), KIOSK_RUNTIME: runtime.join('\n') },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    runAs: async (user, inNamespaceOf, command, group = user) => {
      try {
        const { stdout, stderr } = await run('nsenter', [`--target=${inNamespaceOf}`, '--mount', '--', 'setpriv', '--reuid', user, '--regid', group, '--init-groups', '--', ...command]);
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    },
  };
};

/** A process as /proc shows it: its parent, its real, effective, saved and filesystem uids, its command line. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  uids: number[];
  cmdline: string[];
  /** The command line as one string (arguments joined by spaces). */
  command: string;
  /** Its mount namespace (`mnt:[inode]`). */
  mountNamespace: string;
}

export const listProcesses = async (): Promise<ProcessEntry[]> => {
  const entries = await readdir('/proc');
  const found = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry): Promise<ProcessEntry | null> => {
        try {
          const status = await readFile(`/proc/${entry}/status`, 'utf8');
          const field = (name: string) => status.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1] ?? '';
          const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').filter(Boolean);
          return {
            pid: Number(entry),
            ppid: Number(field('PPid')),
            uids: field('Uid').split(/\s+/).map(Number),
            cmdline,
            command: cmdline.join(' '),
            mountNamespace: await readlink(`/proc/${entry}/ns/mnt`),
          };
        } catch {
          return null; // gone meanwhile
        }
      }),
  );
  return found.filter((entry) => entry !== null);
};

/** The process and everything below it. */
export const processTree = (all: readonly ProcessEntry[], pid: number): ProcessEntry[] => {
  const tree = all.filter((entry) => entry.pid === pid);
  for (let index = 0; index < tree.length; index += 1) tree.push(...all.filter((entry) => entry.ppid === tree[index]?.pid));
  return tree;
};
