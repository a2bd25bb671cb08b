#!/usr/bin/env python3
"""Boot test 'gdb-ipc': tools/gdb/ipc.py against the badge server
(system/tests/badge.sys) stopped at two known points in QEMU, through its
GDB stub, with gdb-multiarch in batch mode. Under -icount the run is the
same every time.

 1. When the server first blocks (ipc_hook_thread_blocked for the thread
    named badge_server): `info ipc threads` shows it blocked-recv on the
    endpoint svc, the clients runnable; `info ipc endpoints` shows svc in
    state recv with exactly the server queued.
 2. At halt (arch_halt): each client's CSpace (`info ipc caps clientN`)
    holds its REGISTER cap (W,G, badge 0, parent: the loader's cap to svc)
    and the SESSION cap the server minted: W,GR, badge 0x100 + N, whose
    derivation parent is the server's MINT slot.

usage: gdb_ipc.py [--qemu PATH] [--gdb PATH] KERNEL.elf REPORT.json
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import qemu_virt  # noqa: E402
import tap  # noqa: E402

results = []


def ok(cond, what, detail=''):
    results.append((bool(cond), what, '' if cond else detail))


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def section(out, start, end):
    """The lines of `out` between the marker echoes."""
    return out.split(start, 1)[-1].split(end, 1)[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--qemu', default=qemu_virt.DEFAULT_QEMU)
    ap.add_argument('--gdb', default='gdb-multiarch')
    ap.add_argument('--smp', default='1', help='cores: a number, or "max" (board.h)')
    ap.add_argument('kernel')
    ap.add_argument('report')
    a = ap.parse_args()
    report = json.load(open(a.report))
    slots = {c['name']: {cap['name']: cap['slot'] for cap in c['caps'] + c['empty_slots']}
             for c in report['components']}
    port = free_port()
    qemu = subprocess.Popen(qemu_virt.command(os.path.abspath(a.kernel), 'cortex-a72', qemu=a.qemu, icount=True,
                                              extra=['-gdb', f'tcp:127.0.0.1:{port}', '-S'],
                                              smp=qemu_virt.smp_count(a.smp)),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tcb_of = '((struct tcb *)((char *)it - (unsigned long)&((struct tcb *)0)->ipc))'
    cmds = [f'target remote 127.0.0.1:{port}', f'source {ROOT}/tools/gdb/ipc.py', f'ipc names {a.report}',
            f'break ipc_hook_thread_blocked if $_streq({tcb_of}->name, "badge_server")', 'continue',
            'echo ==threads1==\\n', 'info ipc threads', 'echo ==endpoints1==\\n', 'info ipc endpoints',
            'echo ==end1==\\n', 'delete', 'break arch_halt', 'continue']
    for i in range(3):
        cmds += [f'echo ==caps{i}==\\n', f'info ipc caps client{i}']
    cmds += ['echo ==end2==\\n', 'kill']
    try:
        p = subprocess.run([a.gdb, '-batch', '-nx', a.kernel] + [x for c in cmds for x in ('-ex', c)],
                           capture_output=True, text=True, timeout=120)
        out = p.stdout + p.stderr
    finally:
        qemu.kill()
        qemu.wait()
    print('\n'.join('# ' + line for line in out.splitlines()))

    threads = section(out, '==threads1==', '==endpoints1==')
    server = [ln for ln in threads.splitlines() if re.search(r'\bbadge_server\b', ln)]
    ok(len(server) == 1 and re.search(r'\bserver\s+running\s+blocked-recv\s+120\s+endpoint svc@0x', server[0]),
       'info ipc threads: the server blocks in Recv on svc', f'got {server}')
    clients = [ln for ln in threads.splitlines() if re.search(r'\bclient\d\b', ln)]
    ok(len(clients) == 3 and all(re.search(r'\bready\s+runnable\s+100\s+-$', ln) for ln in clients),
       'info ipc threads: the three clients are ready', f'got {clients}')
    eps = section(out, '==endpoints1==', '==end1==')
    svc = [ln for ln in eps.splitlines() if ln.startswith('endpoint svc@')]
    ok(len(svc) == 1 and svc[0].endswith(' recv: badge_server#1(prio 120)'),
       'info ipc endpoints: svc queues exactly the server, receiving', f'got {svc}')
    for i in range(3):
        caps = section(out, f'==caps{i}==', f'==caps{i + 1}==' if i < 2 else '==end2==')
        reg = re.search(rf'slot +{slots[f"client{i}"]["REGISTER"]} +endpoint svc +@0x[0-9a-f]+ +rights W,G +'
                        r'badge 0x0 +parent root#0 slot \d+', caps)
        ses = re.search(rf'slot +{slots[f"client{i}"]["SESSION"]} +endpoint svc +@0x[0-9a-f]+ +rights W,GR +'
                        rf'badge {0x100 + i:#x} +parent server slot {slots["server"]["MINT"]}\b', caps)
        ok(reg and ses, f'info ipc caps client{i}: REGISTER from the loader, SESSION badge {0x100 + i:#x} '
           'minted from server.MINT', caps.strip())
    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
