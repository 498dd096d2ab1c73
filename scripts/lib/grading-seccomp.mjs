// A seccomp filter for the grading sandbox (bubblewrap's --seccomp FD takes a compiled
// classic-BPF program): system calls that no exercise needs and that widen the kernel's
// attack surface, or would undo the sandbox's pinning, fail with EPERM. A deny list, not an
// allow list: node itself needs a long and version-dependent list of calls. x86-64 only
// (the numbers are per architecture); elsewhere there is no filter and the probe says so.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** x86-64 numbers of the denied calls, by name. */
export const DENIED_SYSCALLS = {
  ptrace: 101, personality: 135, pivot_root: 155, acct: 163, mount: 165, umount2: 166, swapon: 167, swapoff: 168,
  reboot: 169, init_module: 175, delete_module: 176, sched_setaffinity: 203, kexec_load: 246, add_key: 248,
  request_key: 249, keyctl: 250, unshare: 272, perf_event_open: 298, name_to_handle_at: 303, open_by_handle_at: 304,
  setns: 308, process_vm_readv: 310, process_vm_writev: 311, finit_module: 313, kexec_file_load: 320, bpf: 321,
  userfaultfd: 323, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427, open_tree: 428, move_mount: 429,
  fsopen: 430, fsconfig: 431, fsmount: 432, fspick: 433, mount_setattr: 442,
};

const AUDIT_ARCH_X86_64 = 0xc000003e;
const X32_BIT = 0x40000000;
const RET_ALLOW = 0x7fff0000;
const RET_KILL_PROCESS = 0x80000000;
const RET_EPERM = 0x00050000 | 1;
const LD_ABS_W = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;

/** The filter as bytes (struct sock_filter[]), or undefined on an architecture it does not know. */
export function seccompProgram(arch = process.arch) {
  if (arch !== 'x64') return undefined;
  const numbers = Object.values(DENIED_SYSCALLS);
  const program = [];
  const op = (code, k, jt = 0, jf = 0) => program.push({ code, jt, jf, k });
  op(LD_ABS_W, 4); // seccomp_data.arch
  op(JEQ_K, AUDIT_ARCH_X86_64, 1, 0);
  op(RET_K, RET_KILL_PROCESS);
  op(LD_ABS_W, 0); // seccomp_data.nr
  const deny = 4 + 1 + numbers.length + 1; // index of the EPERM return
  op(JGE_K, X32_BIT, deny - program.length - 1, 0); // the x32 ABI: refused whole
  for (const nr of numbers) op(JEQ_K, nr, deny - program.length - 1, 0);
  op(RET_K, RET_ALLOW);
  op(RET_K, RET_EPERM);
  const bytes = Buffer.alloc(program.length * 8);
  program.forEach(({ code, jt, jf, k }, i) => {
    bytes.writeUInt16LE(code, i * 8);
    bytes.writeUInt8(jt, i * 8 + 2);
    bytes.writeUInt8(jf, i * 8 + 3);
    bytes.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return bytes;
}

let file;
/**
 * A fresh read-only file descriptor of the filter (bubblewrap reads it from its start), for
 * a spawn's stdio; the caller closes it after spawning. Undefined where there is no filter.
 */
export function openSeccompFd() {
  const program = seccompProgram();
  if (!program) return undefined;
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'kit-seccomp-')), 'filter.bpf');
    writeFileSync(file, program, { mode: 0o600 });
  }
  return openSync(file, 'r');
}

/** Closes a descriptor from openSeccompFd (ignoring undefined). */
export function closeSeccompFd(fd) {
  if (fd !== undefined) closeSync(fd);
}
