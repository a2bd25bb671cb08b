# IPC state of the kernel in GDB: `source tools/gdb/ipc.py` in gdb-multiarch
# attached to a kernel image (README "Debug it with GDB"). Adds
#   info ipc threads            every thread: id, name, kernel and IPC state,
#                               priority, what it waits on, deadline
#   info ipc endpoints          every endpoint and notification a cap names:
#                               its state and its queue, in order
#   info ipc caps COMPONENT     the CSpace of a component (thread name, #id,
#                               or a name from `ipc names`): slot, type,
#                               rights, badge, derivation parent
#   ipc names REPORT.json       name address spaces after sysgen's JSON
#                               report (the loader makes one per component,
#                               in declaration order, after the root task's)
# The kernel keeps no list of threads, so this finds them in the page pool
# (kernel/core/object.c): every object is one page; a space is a page whose
# ipc_object says "space" and whose CSpace points into itself, a thread one
# whose object header at offsetof(struct tcb, obj) says "thread". Endpoints,
# notifications and reply objects are the ones the spaces' caps name.
# Nothing here writes to the target.
import json
import os
import sys

import gdb

# The object types, rights, page size and libipc's state names come from the
# headers that define them (the kernel ABI and ipc.h), read by sysgen's
# strict parser: macros are not in the kernel's debug information, and an
# enum only if some declaration uses it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import sysgen  # noqa: E402


def _defines(rel, names):
    return sysgen.c_defines(os.path.join(sysgen.ROOT, rel), names)


_K = _defines('kernel/uapi/include/uapi/object.h',
              ('KOBJ_ENDPOINT', 'KOBJ_NTFN', 'KOBJ_REPLY', 'KOBJ_SPACE', 'KOBJ_THREAD', 'KOBJ_UNTYPED'))
_K.update(_defines('kernel/uapi/include/uapi/layout.h', ('KABI_PAGE_SIZE',)))
_K.update(_defines('libipc/include/ipc/ipc.h', ('IPC_R', 'IPC_W', 'IPC_G', 'IPC_GR')))
IPC_OBJ = {_K['KOBJ_ENDPOINT']: 'endpoint', _K['KOBJ_NTFN']: 'notification', _K['KOBJ_REPLY']: 'reply'}
KERNEL_OBJ = {_K['KOBJ_SPACE']: 'space', _K['KOBJ_THREAD']: 'thread', _K['KOBJ_UNTYPED']: 'untyped'}
RIGHTS = [(_K['IPC_R'], 'R'), (_K['IPC_W'], 'W'), (_K['IPC_G'], 'G'), (_K['IPC_GR'], 'GR')]


def _states(enum, prefix):
    """value -> name ('blocked-send' for IPC_TS_BLOCKED_SEND) of a libipc enum, read from ipc.h."""
    return {v: k[len(prefix):].lower().replace('_', '-')
            for k, v in sysgen.c_enum(os.path.join(sysgen.ROOT, 'libipc/include/ipc/ipc.h'), enum)}


TS = _states('ipc_thread_state', 'IPC_TS_')
EP_STATE = _states('ipc_ep_state', 'IPC_EP_')
PAGE = _K['KABI_PAGE_SIZE']
_report = []  # components of `ipc names`, in declaration order


def val(expr):
    return gdb.parse_and_eval(expr)


def offset(typ, field):
    return int(val(f'(unsigned long)&(({typ} *)0)->{field}'))


def u32(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), 'little')


def u64(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 8)), 'little')


def cstr(value):
    try:
        return value.string()
    except gdb.error:
        return '?'


class World:
    """Spaces and threads found in the page pool, objects through caps."""

    def __init__(self):
        base = (int(val('(unsigned long)&__kernel_end')) + PAGE - 1) & ~(PAGE - 1)
        end = int(val("'object.c'::pool_next"))
        space_t, tcb_t = gdb.lookup_type('struct space'), gdb.lookup_type('struct tcb')
        thread_type, space_type = _K['KOBJ_THREAD'], _K['KOBJ_SPACE']
        slots_off, cs_off = offset('struct space', 'slots'), offset('struct space', 'cs')
        obj_off = offset('struct tcb', 'obj')
        self.spaces, self.threads = {}, []
        for page in range(base, end, PAGE):
            if u32(page) == space_type and u64(page + cs_off) == page + slots_off:
                self.spaces[page] = gdb.Value(page).cast(space_t.pointer()).dereference()
            elif u32(page + obj_off) == thread_type:
                self.threads.append(gdb.Value(page).cast(tcb_t.pointer()).dereference())
        self.threads.sort(key=lambda t: int(t['id']))
        self.thread_at = {int(t['ipc'].address): t for t in self.threads}
        root = {int(t['space']) for t in self.threads if cstr(t['name']) == 'root'}
        ids = sorted(int(s['id']) for a, s in self.spaces.items() if a not in root)
        self.names = {sid: c['name'] for sid, c in zip(ids, _report)}
        self.objnames = {}  # object address -> the report's name for it
        by_id = {int(s['id']): s for s in self.spaces.values()}
        for sid, c in zip(ids, _report):
            for cap in c['caps']:
                if cap['object'] and cap['slot'] < int(by_id[sid]['cs']['nslots']):
                    o = int(by_id[sid]['slots'][cap['slot']]['obj'])
                    if o:
                        self.objnames.setdefault(o, cap['object'])
        self.space_of_slot = {}
        for addr, s in self.spaces.items():
            n = int(s['cs']['nslots'])
            self.space_of_slot[addr] = (s, int(s['slots'].address), n, int(s['slots'][0].type.sizeof))

    @staticmethod
    def _has(name):
        try:
            val(name)
            return True
        except gdb.error:
            return False

    def space_name(self, s):
        sid = int(s['id'])
        if sid in self.names:
            return self.names[sid]
        names = [cstr(t['name']) for t in self.threads if int(t['space']) == int(s.address)]
        return (names[0] if names else 'space') + f'#{sid}'

    def thread_name(self, addr):
        t = self.thread_at.get(int(addr))
        if t is None:
            return f'thread@{int(addr):#x}'
        return f'{cstr(t["name"])}#{int(t["id"])}'

    def where_slot(self, cap_addr):
        """(space, slot) of a cap address, or None."""
        for s, first, n, size in self.space_of_slot.values():
            if first <= cap_addr < first + n * size:
                return s, (cap_addr - first) // size
        return None

    def objects(self):
        """Endpoints and notifications named by any cap, in slot order."""
        seen = {}
        for s in self.spaces.values():
            for i in range(int(s['cs']['nslots'])):
                o = s['slots'][i]['obj']
                if int(o) and int(o['type']) in (_K['KOBJ_ENDPOINT'], _K['KOBJ_NTFN']) and int(o) not in seen:
                    seen[int(o)] = (int(o['type']), self.space_name(s), i)
        return seen

    def obj_name(self, addr):
        if not addr:
            return '-'
        name = f' {self.objnames[addr]}' if addr in self.objnames else ''
        return f'{IPC_OBJ.get(u32(addr), "object")}{name}@{addr:#x}'

    def queue(self, q):
        out, t, n = [], q['head'], 0
        while int(t) and n < 1000:
            out.append(f'{self.thread_name(t)}(prio {int(t["prio"])})')
            t, n = t['qnext'], n + 1
        return out


def rights(bits):
    return ','.join(n for b, n in RIGHTS if bits & b) or '-'


class InfoIpc(gdb.Command):
    """IPC state of the kernel: info ipc threads | endpoints | caps COMPONENT."""

    def __init__(self):
        super().__init__('info ipc', gdb.COMMAND_STATUS, gdb.COMPLETE_NONE, True)


class InfoIpcThreads(gdb.Command):
    """Every thread: id, name, kernel state, IPC state, priority, what it waits on."""

    def __init__(self):
        super().__init__('info ipc threads', gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        w = World()
        cur = int(val("'sched.c'::cur")) if World._has("'sched.c'::cur") else 0
        print(f'{"":1} {"id":>3} {"name":<16} {"space":<16} {"kernel":<10} {"ipc":<14} {"prio":>4}  waits on')
        for t in w.threads:
            ipc = t['ipc']
            st = int(ipc['state'])
            on = int(ipc['blocked_on'])
            space = w.spaces.get(int(t['space']))
            waits = w.obj_name(on) if on else '-'
            if int(ipc['deadline']):
                waits += f' until {int(ipc["deadline"])}'
            kstate = str(t['state']).replace('TCB_', '').lower()
            print(f'{"*" if int(t.address) == cur else " "} {int(t["id"]):>3} {cstr(t["name"]):<16} '
                  f'{w.space_name(space) if space is not None else "-":<16} {kstate:<10} '
                  f'{TS.get(st, st):<14} {int(ipc["prio"]):>4}  {waits}')


class InfoIpcEndpoints(gdb.Command):
    """Every endpoint and notification a cap names, with its queue in order."""

    def __init__(self):
        super().__init__('info ipc endpoints', gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        w = World()
        for addr, (typ, sname, slot) in sorted(w.objects().items()):
            if typ == _K['KOBJ_ENDPOINT']:
                ep = gdb.Value(addr).cast(gdb.lookup_type('struct ipc_endpoint').pointer()).dereference()
                st = int(ep['state'])
                q = w.queue(ep['queue'])
                print(f'{w.obj_name(addr)} (first cap: {sname} slot {slot}) refs {int(ep["obj"]["refs"])} '
                      f'{EP_STATE.get(st, st)}: {", ".join(q) or "(empty)"}')
            else:
                n = gdb.Value(addr).cast(gdb.lookup_type('struct ipc_ntfn').pointer()).dereference()
                q = w.queue(n['waiters'])
                bound = w.thread_name(n['bound']) if int(n['bound']) else '-'
                print(f'{w.obj_name(addr)} (first cap: {sname} slot {slot}) refs '
                      f'{int(n["obj"]["refs"])} word {int(n["word"]):#x} pending {int(n["pending"])} '
                      f'bound {bound} waiters: {", ".join(q) or "(none)"}')


class InfoIpcCaps(gdb.Command):
    """The caps of a component: info ipc caps NAME | #THREAD-ID."""

    def __init__(self):
        super().__init__('info ipc caps', gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if not arg:
            raise gdb.GdbError('usage: info ipc caps COMPONENT (a thread name, #id, or a name from ipc names)')
        w = World()
        picks = [s for s in w.spaces.values() if w.space_name(s) == arg or w.space_name(s).split('#')[0] == arg]
        if not picks:
            for t in w.threads:
                if cstr(t['name']) == arg or f'#{int(t["id"])}' == arg:
                    s = w.spaces.get(int(t['space']))
                    if s is not None and all(int(p.address) != int(s.address) for p in picks):
                        picks.append(s)
        if not picks:
            raise gdb.GdbError(f'no component {arg!r}')
        for s in picks:
            print(f'{w.space_name(s)}: {int(s["cs"]["nslots"])} slots')
            for i in range(int(s['cs']['nslots'])):
                c = s['slots'][i]
                o = int(c['obj'])
                if not o:
                    continue
                typ = u32(o)
                kind = IPC_OBJ.get(typ, KERNEL_OBJ.get(typ, f'type {typ}'))
                parent = int(c['parent'])
                if parent:
                    where = w.where_slot(parent)
                    par = f'{w.space_name(where[0])} slot {where[1]}' if where else f'{parent:#x}'
                else:
                    par = 'root'
                name = f' {w.objnames[o]}' if o in w.objnames else ''
                print(f'  slot {i:2}  {kind + name:<16} @{o:#x}  rights {rights(int(c["rights"])):<10} '
                      f'badge {int(c["badge"]):#x}  parent {par}')


class IpcPrefix(gdb.Command):
    """IPC helpers: ipc names REPORT.json."""

    def __init__(self):
        super().__init__('ipc', gdb.COMMAND_USER, gdb.COMPLETE_NONE, True)


class IpcNames(gdb.Command):
    """Name address spaces after sysgen's JSON report: ipc names REPORT.json."""

    def __init__(self):
        super().__init__('ipc names', gdb.COMMAND_USER, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        _report[:] = json.load(open(arg.strip()))['components']
        print(f'{len(_report)} component names: the address spaces after the root task\'s, in order')


InfoIpc()
InfoIpcThreads()
InfoIpcEndpoints()
InfoIpcCaps()
IpcPrefix()
IpcNames()
