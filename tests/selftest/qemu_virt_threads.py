#!/usr/bin/env python3
"""tools/qemu_virt.py's choice of QEMU threading for several guest cores
(suite 'bench'): a host thread per vCPU only when each gets a host core,
else the vCPUs in turn; --mttcg and --icount choose for themselves. Prints
TAP; checks the printed command line (--print) of the program itself."""
import os
import subprocess
import sys
import tempfile

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools')
sys.path.insert(0, TOOLS)
import qemu_virt  # noqa: E402

results = []


def check(ok, what):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} - {what}')


def printed(*args):
    with tempfile.NamedTemporaryFile(suffix='.elf') as k:
        p = subprocess.run([sys.executable, os.path.join(TOOLS, 'qemu_virt.py'), '--print', *args, k.name],
                           capture_output=True, text=True)
    return p.returncode, p.stdout.split(), p.stderr


for smp, cores, want in ((4, 2, 'single'), (4, 3, 'single'), (4, 4, 'multi'), (2, 2, 'multi'), (2, 16, 'multi')):
    got = qemu_virt.accel_for(smp, cores)
    check(got == f'tcg,thread={want}', f'{smp} guest cores on {cores} host cores: {got}')

host = qemu_virt.host_cores()
rc, cmd, err = printed('--smp', '4')
want = qemu_virt.accel_for(4, host)
check(rc == 0 and cmd.count('-accel') == 1 and want in cmd, f'--smp 4 on this host ({host} cores) boots with {want}')
check(('in turn' in err) == want.endswith('single'), 'and says so when the cores run in turn')
rc, cmd, _ = printed('--smp', '4', '--mttcg')
check(rc == 0 and cmd.count('-accel') == 1 and 'tcg,thread=multi' in cmd, '--mttcg: a host thread per core')
rc, cmd, _ = printed('--smp', '4', '--icount')
check(rc == 0 and '-accel' not in cmd and '-icount' in cmd, '--icount: QEMU runs the cores in turn itself')
rc, cmd, _ = printed('--smp', '1')
check(rc == 0 and '-accel' not in cmd and '-smp' not in cmd, 'one core: no -smp, no threading choice')
print(f'1..{len(results)}')
sys.exit(0 if all(results) else 1)
