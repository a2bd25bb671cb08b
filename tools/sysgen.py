#!/usr/bin/env python3
"""sysgen: check a system description (.sys) and generate what builds it.

A system description names, once, everything the root task builds at boot:
components (program, priority, budget, fault handler, start stage),
endpoints, notifications, reply objects, shared regions and where each
component maps them, and which cap lands in which component slot with which
rights and badge. This tool parses that line-oriented file (format in
system/README.md and `sysgen.py --help`), refuses it with `file:line: error:
...` on the first class of mistake it finds (unknown or duplicate names,
duplicate badges on one endpoint, rights beyond what the object allows,
misaligned or overlapping mappings, a component over its memory budget, a
cycle in who-can-call-whom, which can deadlock), and otherwise writes: a C
table file for the root-task loader (system/loader/), one header per program
with its slot numbers and region addresses, and a plain-text report of every
component's caps and mappings. Only the Python standard library is used;
the tool runs at build time and has no state.

Every limit the loader and the kernel will hit at boot is checked here from
the numbers the C code itself uses: sysgen reads them from the C headers
(C_SOURCES below) with a strict parser and stops if one is missing, so a
description sysgen accepts is one the loader can build. After the kernel
image is linked, `--kernel KERNEL.elf` repeats the memory check exactly: it
reads the kernel's page pool and every program's real size from the image.
"""
import argparse
import json
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Where each number sysgen needs is defined (the one source the C code uses).
# The kernel ABI (kernel/uapi/include/uapi/) is the source of every number
# it shares with user code; cap rights are libipc's (an enum in ipc.h).
C_SOURCES = {
    'kernel/uapi/include/uapi/layout.h': ('KABI_PAGE_SIZE', 'KABI_USER_MIN', 'KABI_USER_MAX',
                                          'ROOT_BOOTIMG_VA', 'ROOT_IPCBUF_VA', 'ROOT_STACK_TOP',
                                          'ROOT_STACK_PAGES', 'COMP_STACK_TOP', 'COMP_STACK_PAGES',
                                          'COMP_STACK_STRIDE', 'COMP_IPCBUF_VA', 'COMP_FREE_VA',
                                          'COMP_FREE_SIZE', 'BOOTIMG_MAGIC',
                                          'BOOTIMG_NAME_LEN'),
    'kernel/uapi/include/uapi/object.h': ('KABI_SPACE_SLOTS', 'ROOT_SLOT_FIRST_FREE', 'KPERM_R',
                                          'KPERM_W', 'KPERM_X'),
    'kernel/uapi/include/uapi/syscall.h': ('KABI_MAP_MAX_PAGES',),
    'libipc/include/ipc/ipc.h': ('IPC_R', 'IPC_W', 'IPC_G', 'IPC_GR'),
    'kernel/core/boot.c': ('ROOT_PRIO', 'KERNEL_RESERVE_PAGES'),
    'kernel/arch/aarch64/mmu.c': ('IMG_L3_TABLES', 'PT_L2_SHIFT', 'PT_LEVEL_BITS'),
    'platform/qemu-virt/board.h': ('PLATFORM_RAM_BASE', 'PLATFORM_RAM_SIZE', 'PLATFORM_UART_BASE',
                                   'PLATFORM_MAX_CPUS'),
    'user/include/user/spawn.h': ('SPAWN_ROOT_SLOTS',),
    'system/loader/sysdesc.h': ('SD_SLOT_REPORT', 'SD_REGION_ROOT_VA', 'SD_ROOT_SLOTS_LOADER',
                                'SD_ROOT_SLOTS_COMPONENT', 'SD_MAX_REGIONS'),
}
USER_LD = 'user/user.ld'   # every program links at its first `. = <address>;`
KERNEL_LD = 'kernel/arch/aarch64/kernel.ld'   # the kernel likewise


class LimitsError(Exception):
    pass


_DEFINE = re.compile(r'^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)[ \t]+(.*)$')
# An enumerator on a line of its own: `NAME = value,` (libipc's enums).
_ENUMERATOR = re.compile(r'^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^,]*),')
_LIT = r'(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*'
# A literal, optionally parenthesised, in KABI_U()/KABI_UL() (uapi/const.h)
# or a shift of two literals (`1u << 3`).
_INT = re.compile(r'^\(?\s*(?:KABI_UL?\(\s*(' + _LIT + r')\s*\)|(' + _LIT + r')(?:\s*<<\s*(' + _LIT +
                  r'))?)\s*\)?$')


def _int(text):
    return int(text.rstrip('uUlL'), 0)


def c_int(value):
    """The value of a C constant expression sysgen accepts, or None."""
    v = _INT.match(value)
    if not v:
        return None
    if v.group(1):
        return _int(v.group(1))
    return _int(v.group(2)) << (_int(v.group(3)) if v.group(3) else 0)


def c_defines(path, names):
    """The integer value of each object-like #define (or enumerator) in
    `names` in C file `path`. Strict: each must be defined exactly once, as
    a plain integer literal (optionally suffixed, parenthesised, wrapped in
    KABI_U()/KABI_UL(), shifted by a literal, and commented)."""
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except OSError as e:
        raise LimitsError(f'cannot read {path}: {e.strerror}') from None
    found = {}
    for no, line in enumerate(text.splitlines(), 1):
        m = _DEFINE.match(line) or _ENUMERATOR.match(line)
        if not m or m.group(1) not in names:
            continue
        value = re.sub(r'/\*.*?\*/|//.*$', '', m.group(2)).strip()
        v = c_int(value)
        if v is None:
            raise LimitsError(f'{path}:{no}: {m.group(1)} is not a plain integer: {value!r}')
        if m.group(1) in found:
            raise LimitsError(f'{path}:{no}: {m.group(1)} defined twice')
        found[m.group(1)] = v
    missing = [n for n in names if n not in found]
    if missing:
        raise LimitsError(f'{path}: no #define {", ".join(missing)} (sysgen reads its limits from there)')
    return found


def c_enum(path, name):
    """The enumerators of `enum <name> { ... };` in C file `path`, in order,
    as (identifier, value): values implicit or plain integer literals."""
    try:
        with open(path, encoding='utf-8') as f:
            text = re.sub(r'/\*.*?\*/|//[^\n]*', '', f.read(), flags=re.S)
    except OSError as e:
        raise LimitsError(f'cannot read {path}: {e.strerror}') from None
    m = re.search(r'\benum\s+' + name + r'\s*\{(.*?)\}', text, re.S)
    if not m:
        raise LimitsError(f'{path}: no enum {name}')
    out, value = [], 0
    for item in (x.strip() for x in m.group(1).split(',')):
        if not item:
            continue
        ident, eq, v = (x.strip() for x in item.partition('='))
        if eq:
            value = c_int(v)
            if value is None:
                raise LimitsError(f'{path}: enum {name}: {ident} is not a plain integer: {v!r}')
        out.append((ident, value))
        value += 1
    return out


def load_limits(root=ROOT):
    """Every number sysgen checks against, read from the C sources."""
    lim = {}
    for rel, names in C_SOURCES.items():
        lim.update(c_defines(os.path.join(root, rel), names))
    lim['PROGRAM_VA'] = link_address(os.path.join(root, USER_LD))
    lim['KERNEL_VA'] = link_address(os.path.join(root, KERNEL_LD))
    return lim


def link_address(path):
    """The first `. = 0x...;` of a linker script: where its image links."""
    try:
        with open(path, encoding='utf-8') as f:
            m = re.search(r'^\s*\.\s*=\s*(0x[0-9a-fA-F]+)\s*;', f.read(), re.M)
    except OSError as e:
        raise LimitsError(f'cannot read {path}: {e.strerror}') from None
    if not m:
        raise LimitsError(f'{path}: no link address (". = 0x...;")')
    return int(m.group(1), 16)


def source_files(root=ROOT):
    """Every file the limits are read from (for build dependencies)."""
    return [os.path.join(root, rel) for rel in C_SOURCES] + [os.path.join(root, USER_LD),
                                                            os.path.join(root, KERNEL_LD),
                                                            os.path.abspath(__file__)]


def set_limits(lim):
    """Make the numbers module-wide names (as the checks below use them)."""
    global L, PAGE, SLOTS, USER_LO, USER_HI, PROGRAM_VA, STACK_TOP, STACK_PAGES, STACK_STRIDE, IPCBUF_VA
    L = lim
    PAGE, SLOTS = lim['KABI_PAGE_SIZE'], lim['KABI_SPACE_SLOTS']
    USER_LO, USER_HI = lim['KABI_USER_MIN'], lim['KABI_USER_MAX']
    # In place: rights_str() and rights_c() hold these dicts as defaults.
    RIGHT_BITS.update({k: lim[c] for k, c in RIGHT_C.items()})
    PERM_BITS.update({k: lim[c] for k, c in PERM_C.items()})
    every = sum(RIGHT_BITS.values())
    ALLOWED.update({'endpoint': every, 'notification': RIGHT_BITS['R'] | RIGHT_BITS['W'], 'reply': every,
                    'space': every, 'thread': every, 'untyped': every})
    PROGRAM_VA = lim['PROGRAM_VA']
    STACK_TOP, STACK_PAGES = lim['COMP_STACK_TOP'], lim['COMP_STACK_PAGES']
    STACK_STRIDE = lim['COMP_STACK_STRIDE']
    IPCBUF_VA = lim['COMP_IPCBUF_VA']


def root_slots(nobjects, ncomponents, nthreads=0):
    """Root CSpace slots the system takes: the kernel's, the loader's own
    (the report endpoint, the supervisor's reply object), one per object, per component spawn's
    (SPAWN_ROOT_SLOTS) and its untyped (SD_ROOT_SLOTS_COMPONENT), and one
    per further thread."""
    return (L['ROOT_SLOT_FIRST_FREE'] + L['SD_ROOT_SLOTS_LOADER'] + nobjects +
            component_root_slots() * ncomponents + nthreads)


def component_root_slots():
    return L['SPAWN_ROOT_SLOTS'] + L['SD_ROOT_SLOTS_COMPONENT']


# Symbolic rights and permissions: their bits are read from ipc.h and
# uapi/object.h (set_limits), and sysgen writes the C names into the tables.
RIGHT_C = {'R': 'IPC_R', 'W': 'IPC_W', 'G': 'IPC_G', 'GR': 'IPC_GR'}
PERM_C = {'R': 'KPERM_R', 'W': 'KPERM_W', 'X': 'KPERM_X'}
# Set by set_limits(): name -> bit, and the rights each kind of object can
# meaningfully carry (SEMANTICS R1, C3, S8).
RIGHT_BITS, PERM_BITS, ALLOWED = {}, {}, {}
KOBJ = {'endpoint': 'KOBJ_ENDPOINT', 'notification': 'KOBJ_NTFN', 'reply': 'KOBJ_REPLY'}
# Caps to what the loader builds rather than declares: a component's space
# or one of its threads (<component>.space, <component>.thread for its first,
# <component>.<thread> for one a `thread` statement adds), and the root
# task's own space and untyped (root.space, root.untyped). The loader's
# table names them by these references (sysdesc.h, SD_REF_*).
ROOT_REFS = {'space': 'space', 'untyped': 'untyped'}
NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
KEYWORDS = ('component', 'thread', 'endpoint', 'notification', 'reply', 'region', 'cap', 'slot', 'map',
            'system')


class DescError(Exception):
    def __init__(self, line, msg):
        super().__init__(msg)
        self.line = line
        self.msg = msg


def parse_size(text, line):
    m = re.fullmatch(r'(0x[0-9a-fA-F]+|[0-9]+)([KMG]?)', text)
    if not m:
        raise DescError(line, f"bad size '{text}' (use a number with optional K, M or G)")
    n = int(m.group(1), 0)
    return n * {'': 1, 'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}[m.group(2)]


def parse_int(text, line, what):
    try:
        return int(text, 0)
    except ValueError:
        raise DescError(line, f"bad {what} '{text}' (want a number)") from None


def parse_rights(text, line, table, what):
    if text == '-':
        return 0   # none: a cap that only names the object (a test of what it cannot do)
    bits = 0
    for part in text.split(','):
        if part not in table:
            raise DescError(line, f"unknown {what} '{part}' in '{text}' (known: {', '.join(table)})")
        bits |= table[part]
    return bits


def rights_str(bits, table=RIGHT_BITS):
    return ','.join(k for k, v in table.items() if bits & v) or '-'


def rights_c(bits, table=RIGHT_BITS, names=RIGHT_C):
    return ' | '.join(names[k] for k, v in table.items() if bits & v) or '0'


class Obj:
    def __init__(self, kind, name, line, maxr, comp=None, thread=None):
        self.kind, self.name, self.line, self.max = kind, name, line, maxr
        self.comp = comp        # a kernel-built object: its component (None: the root task's)
        self.thread = thread    # for a thread: its Thread (None: the first)


class Thread:
    def __init__(self, comp, name, index, line, prio, arg, fault):
        self.comp, self.name, self.index, self.line = comp, name, index, line
        self.prio, self.arg, self.fault = prio, arg, fault


class Region:
    def __init__(self, name, line, size, maxp):
        self.name, self.line, self.size, self.max = name, line, size, maxp


class Comp:
    def __init__(self, name, line, attrs):
        self.name, self.line = name, line
        self.program = attrs.get('program', name)
        self.prio = attrs['priority']
        self.budget = attrs['budget']
        self.image = attrs.get('image', 64 << 10)
        self.fault = attrs.get('fault')          # slot name, resolved later
        self.stage = attrs.get('stage', 1)
        self.arg = attrs.get('arg', 0)
        self.reports = attrs.get('reports', True)
        self.until = attrs.get('until', self.stage)  # the stage whose end waits for its report
        self.restart = attrs.get('restart')   # None, or {'limit': n, 'backoff_us': n}: the loader supervises it
        self.cpu = attrs.get('cpu', 0)          # the core all its threads run on (< the system's cpus=)
        self.threads = []  # further threads (Thread), index 1, 2, ...
        self.caps = []    # (slot name, Obj, rights, badge, mint_only, line); a `sole` cap's Obj is in self.sole
        self.sole = set()  # slot names of caps to a thread, space or untyped the loader drops its own cap to
        self.alias = set()  # slot names of badged caps that may share their badge (tests of cancelling)
        self.probe = set()  # slot names of caps only probed (hostile and fuzz tests): no call edges
        self.empty = []   # (slot name, Obj it will receive or None, line)
        self.maps = []    # (Region, va, perms, line)


def new_slots():
    return {'REPORT': L['SD_SLOT_REPORT']}


class System:
    def __init__(self):
        self.comps, self.objs, self.regions = {}, {}, {}
        self.order = []            # components in declaration order
        self.memory = None
        self.plan = None           # TAP results the components print (system plan=)
        self.cpus = 1              # cores the system needs online (system cpus=)
        self.cpus_line = None
        self.threads = []          # every further thread, in declaration order
        self.kobjs = {}            # 'comp.space' etc. -> Obj (kernel-built objects)
        self.prog_slots = {}       # program -> {slot name: number}
        self.prog_maps = {}        # program -> {region: (va, line)}


def split_attrs(words, line, allowed):
    """key=value words -> dict; bare words are flags."""
    out = {}
    for w in words:
        k, eq, v = w.partition('=')
        if k not in allowed:
            raise DescError(line, f"unknown attribute '{k}' (allowed here: {', '.join(allowed)})")
        if k in out:
            raise DescError(line, f"attribute '{k}' given twice")
        out[k] = v if eq else True
    return out


def parse(path):
    s = System()
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    for no, raw in enumerate(lines, 1):
        text = raw.split('#', 1)[0].strip()
        if not text:
            continue
        words = text.split()
        kw = words[0]
        if kw not in KEYWORDS:
            raise DescError(no, f"unknown statement '{kw}' (known: {', '.join(KEYWORDS)})")
        globals()['stmt_' + kw](s, words[1:], no)
    return s


def new_name(s, name, line, table):
    if not NAME.match(name):
        raise DescError(line, f"bad name '{name}' (letters, digits, '_')")
    for t in (s.comps, s.objs, s.regions):
        if name in t:
            raise DescError(line, f"'{name}' already declared at line {t[name].line}")
    return name


def stmt_system(s, words, line):
    a = split_attrs(words, line, ('memory', 'plan', 'cpus'))
    if not a:
        raise DescError(line, "system needs memory=<size>, plan=<n> or cpus=<n>")
    if 'cpus' in a:
        s.cpus, s.cpus_line = parse_int(a['cpus'], line, 'cpus'), line
        if not 1 <= s.cpus <= L['PLATFORM_MAX_CPUS']:
            raise DescError(line, f"cpus {s.cpus} out of range 1..{L['PLATFORM_MAX_CPUS']} "
                            "(PLATFORM_MAX_CPUS, board.h)")
    if 'memory' in a:
        s.memory = parse_size(a['memory'], line)
        s.memory_line = line
    if 'plan' in a:
        s.plan = parse_int(a['plan'], line, 'plan')
        if not 1 <= s.plan <= 9999:
            raise DescError(line, f"plan {s.plan} out of range 1..9999 (the TAP results the components print)")


def stmt_component(s, words, line):
    if not words:
        raise DescError(line, "component needs a name")
    name = new_name(s, words[0], line, s.comps)
    if name == 'root':
        raise DescError(line, "'root' is reserved (root.space and root.untyped are the root task's caps)")
    a = split_attrs(words[1:], line,
                    ('program', 'priority', 'budget', 'image', 'fault', 'stage', 'until', 'arg', 'silent',
                     'restart', 'cpu'))
    for req in ('priority', 'budget'):
        if req not in a:
            raise DescError(line, f"component '{name}' needs {req}=")
    attrs = {'priority': parse_int(a['priority'], line, 'priority'),
             'budget': parse_size(a['budget'], line)}
    top = L['ROOT_PRIO'] - 1
    if not 1 <= attrs['priority'] <= top:
        raise DescError(line, f"priority {attrs['priority']} out of range 1..{top} "
                        f"(the root runs at {top + 1})")
    if 'program' in a:
        if not NAME.match(a['program']):
            raise DescError(line, f"bad program name '{a['program']}'")
        attrs['program'] = a['program']
    if 'image' in a:
        attrs['image'] = parse_size(a['image'], line)
        if attrs['image'] == 0 or attrs['image'] % PAGE:
            raise DescError(line, f"image {attrs['image']:#x} is not a non-zero multiple of 4 KiB")
    if 'fault' in a:
        attrs['fault'] = a['fault']
    if 'stage' in a:
        attrs['stage'] = parse_int(a['stage'], line, 'stage')
        if not 1 <= attrs['stage'] <= 16:
            raise DescError(line, "stage must be 1..16")
    if 'cpu' in a:
        attrs['cpu'] = parse_int(a['cpu'], line, 'cpu')
        if attrs['cpu'] < 0:
            raise DescError(line, f"cpu {attrs['cpu']} is negative")
    if 'arg' in a:
        attrs['arg'] = parse_int(a['arg'], line, 'arg')
        if not 0 <= attrs['arg'] < 1 << 64:
            raise DescError(line, "arg out of range (0 .. 2^64-1)")
    if 'until' in a:
        attrs['until'] = parse_int(a['until'], line, 'until')
        if not attrs.get('stage', 1) <= attrs['until'] <= 16:
            raise DescError(line, f"until={attrs['until']} must be the component's stage "
                            f"({attrs.get('stage', 1)}) or a later one, at most 16")
    if 'silent' in a:
        if 'until' in a:
            raise DescError(line, "a silent component never reports: until= has no meaning")
        attrs['reports'] = False
    if 'restart' in a:
        if 'fault' in a:
            raise DescError(line, "a restart= component's fault handler is the supervisor (the loader): "
                            "no fault= with restart=")
        if 'silent' not in a:
            raise DescError(line, "a restart= component must be silent: each new instance would report "
                            "\"done\" again")
        attrs['restart'] = parse_restart(a['restart'], line)
    check_root_slots(s, len(s.objs), len(s.order) + 1, line, f"component '{name}'")
    c = Comp(name, line, attrs)
    s.comps[name] = c
    s.order.append(c)


RESTART_LIMIT_MAX = 1000000
BACKOFF_MAX_US = 60 * 1000000
TIME_UNITS = {'us': 1, 'ms': 1000, 's': 1000000}


def parse_restart(text, line):
    """restart=limit:<n>[,backoff:<time>]: <time> is <n>us, <n>ms or <n>s."""
    out = {}
    for item in text.split(',') if text is not True else ['']:
        key, colon, value = item.partition(':')
        if key not in ('limit', 'backoff') or not colon or not value:
            raise DescError(line, f"restart: '{item}' is not limit:<n> or backoff:<time> "
                            "(expected restart=limit:<n>[,backoff:<n>us|ms|s])")
        if key in out:
            raise DescError(line, f"restart: {key} given twice")
        if key == 'limit':
            n = parse_int(value, line, 'restart limit')
            if not 1 <= n <= RESTART_LIMIT_MAX:
                raise DescError(line, f"restart limit {n} out of range 1..{RESTART_LIMIT_MAX}")
            out['limit'] = n
        else:
            m = re.fullmatch(r'(\d+)(us|ms|s)', value)
            if not m:
                raise DescError(line, f"restart backoff '{value}' is not <n>us, <n>ms or <n>s")
            us = int(m.group(1)) * TIME_UNITS[m.group(2)]
            if us > BACKOFF_MAX_US:
                raise DescError(line, f"restart backoff {value} is longer than {BACKOFF_MAX_US // 1000000} s")
            out['backoff_us'] = us
    if 'limit' not in out:
        raise DescError(line, "restart needs limit:<n> (how many times the supervisor restarts it)")
    out.setdefault('backoff_us', 0)
    return out


def check_root_slots(s, nobjects, ncomponents, line, what, nthreads=None):
    """Refuse the statement that makes the loader need more root slots than
    the root CSpace has (KABI_SPACE_SLOTS)."""
    nthreads = len(s.threads) if nthreads is None else nthreads
    need = root_slots(nobjects, ncomponents, nthreads)
    if need > SLOTS:
        raise DescError(line, f"{what} does not fit the root CSpace: the loader would need {need} root "
                        f"slots ({L['ROOT_SLOT_FIRST_FREE']} kernel, {L['SD_ROOT_SLOTS_LOADER']} loader, "
                        f"{nobjects} objects, {component_root_slots()} for each of {ncomponents} "
                        f"components, {nthreads} further threads); it has {SLOTS}")


def stmt_thread(s, words, line):
    # thread <component>.<name> priority=<p> [arg=<n>] [fault=<SLOT>]
    if not words:
        raise DescError(line, "thread needs <component>.<name>")
    c, name = comp_slot(s, words[0], line)
    if name in ('space', 'thread', 'untyped') or any(t.name == name for t in c.threads):
        raise DescError(line, f"thread name '{name}' is taken in '{c.name}' ('space', 'thread' and "
                        "'untyped' are its space, first thread and untyped)")
    a = split_attrs(words[1:], line, ('priority', 'arg', 'fault'))
    if 'priority' not in a:
        raise DescError(line, f"thread {c.name}.{name} needs priority=")
    prio = parse_int(a['priority'], line, 'priority')
    top = L['ROOT_PRIO'] - 1
    if not 1 <= prio <= top:
        raise DescError(line, f"priority {prio} out of range 1..{top} (the root runs at {top + 1})")
    arg = parse_int(a['arg'], line, 'arg') if 'arg' in a else 0
    if not 0 <= arg < 1 << 64:
        raise DescError(line, "arg out of range (0 .. 2^64-1)")
    check_root_slots(s, len(s.objs), len(s.order), line, f"thread {c.name}.{name}", len(s.threads) + 1)
    if c.restart and 'fault' in a:
        raise DescError(line, f"thread {c.name}.{name}: the threads of a restart= component fault to the "
                        "supervisor: no fault=")
    t = Thread(c, name, len(c.threads) + 1, line, prio, arg, a.get('fault'))
    c.threads.append(t)
    s.threads.append(t)


def stmt_object(kind):
    def f(s, words, line):
        if not words:
            raise DescError(line, f"{kind} needs a name")
        name = new_name(s, words[0], line, s.objs)
        a = split_attrs(words[1:], line, ('max',))
        maxr = parse_rights(a['max'], line, RIGHT_BITS, 'right') if 'max' in a else ALLOWED[kind]
        if maxr & ~ALLOWED[kind]:
            raise DescError(line, f"max rights {rights_str(maxr)} include rights a {kind} "
                            f"cannot carry (allowed: {rights_str(ALLOWED[kind])})")
        check_root_slots(s, len(s.objs) + 1, len(s.order), line, f"{kind} '{name}'")
        s.objs[name] = Obj(kind, name, line, maxr)
    return f


stmt_endpoint = stmt_object('endpoint')
stmt_notification = stmt_object('notification')
stmt_reply = stmt_object('reply')


def stmt_region(s, words, line):
    if not words:
        raise DescError(line, "region needs a name")
    name = new_name(s, words[0], line, s.regions)
    a = split_attrs(words[1:], line, ('size', 'max'))
    if 'size' not in a:
        raise DescError(line, f"region '{name}' needs size=")
    size = parse_size(a['size'], line)
    if size == 0 or size % PAGE:
        raise DescError(line, f"region '{name}' size {size:#x} is not a non-zero multiple of 4 KiB")
    if size // PAGE > L['KABI_MAP_MAX_PAGES']:
        raise DescError(line, f"region '{name}' is {size // PAGE} pages; the loader maps a region in one "
                        f"SpaceMap, at most KABI_MAP_MAX_PAGES = {L['KABI_MAP_MAX_PAGES']} pages "
                        f"({L['KABI_MAP_MAX_PAGES'] * PAGE >> 20} MiB)")
    if len(s.regions) + 1 > L['SD_MAX_REGIONS']:
        raise DescError(line, f"region '{name}' is one too many: the loader's region table holds "
                        f"SD_MAX_REGIONS = {L['SD_MAX_REGIONS']}")
    maxp = parse_rights(a.get('max', 'R,W'), line, PERM_BITS, 'permission')
    s.regions[name] = Region(name, line, size, maxp)


def comp_slot(s, text, line, fixed=None):
    """<component>.<NAME>; where `fixed` is a list, also <component>.<SLOT>@<n>
    (the slot number chosen, appended to `fixed`)."""
    comp, dot, slot = text.partition('.')
    slot, at, number = slot.partition('@')
    if at and fixed is not None:
        fixed.append(parse_int(number, line, 'slot number'))
    if not dot or not NAME.match(slot) or (at and fixed is None):
        raise DescError(line, f"expected <component>.<{'SLOT>[@<n>]' if fixed is not None else 'NAME>'}, "
                        f"got '{text}'")
    if comp not in s.comps:
        raise DescError(line, f"unknown component '{comp}'")
    return s.comps[comp], slot


def take_slot(s, c, slot, line, fixed):
    """Number `slot` in c's program: the number chosen (fixed, [n] or []),
    the one the program gave it already, else the lowest free one."""
    for x in c.caps + c.empty:
        if x[0] == slot:
            raise DescError(line, f"slot {c.name}.{slot} already filled at line {x[-1]}")
    prog = s.prog_slots.setdefault(c.program, new_slots())
    if slot == 'REPORT':
        raise DescError(line, "slot name REPORT is reserved (the loader's report endpoint)")
    if fixed:
        n = fixed[0]
        if not L['SD_SLOT_REPORT'] < n < SLOTS:
            raise DescError(line, f"slot number {n} out of range {L['SD_SLOT_REPORT'] + 1}..{SLOTS - 1}")
        if prog.get(slot, n) != n:
            raise DescError(line, f"slot {c.name}.{slot} is slot {prog[slot]} of program '{c.program}' already")
        other = [k for k, v in prog.items() if v == n and k != slot]
        if other:
            raise DescError(line, f"slot {n} of program '{c.program}' is {other[0]} already")
        prog[slot] = n
    if slot not in prog:
        free = [n for n in range(L['SD_SLOT_REPORT'] + 1, SLOTS) if n not in prog.values()]
        if not free:
            raise DescError(line, f"slot {c.name}.{slot} does not fit: program '{c.program}' already uses "
                            f"slots up to {SLOTS - 1}, the last of its CSpace (KABI_SPACE_SLOTS = {SLOTS})")
        prog[slot] = free[0]


def kernel_obj(s, name, line):
    """A cap to what the loader builds: <component>.space / .thread /
    .<thread name> / .untyped (the one it builds the component from),
    root.space, root.untyped."""
    comp, _, what = name.partition('.')
    if name in s.kobjs:
        return s.kobjs[name]
    if comp == 'root':
        if what not in ROOT_REFS:
            raise DescError(line, f"unknown root object '{name}' (known: root.space, root.untyped)")
        o = Obj(ROOT_REFS[what], name, line, ALLOWED[ROOT_REFS[what]])
    elif comp in s.comps:
        c = s.comps[comp]
        threads = {t.name: t for t in c.threads}
        if what in ('space', 'untyped'):
            o = Obj(what, name, line, ALLOWED[what], c)
        elif what == 'thread' or what in threads:
            o = Obj('thread', name, line, ALLOWED['thread'], c, threads.get(what))
        else:
            raise DescError(line, f"'{comp}' has no '{what}' (known: space, thread, untyped"
                            f"{''.join(', ' + t for t in threads)})")
    else:
        raise DescError(line, f"unknown component '{comp}' in '{name}'")
    s.kobjs[name] = o
    return o


def lookup_obj(s, name, line):
    if '.' in name:
        return kernel_obj(s, name, line)
    if name not in s.objs:
        if name in s.regions:
            raise DescError(line, f"'{name}' is a region: regions are mapped with 'map', not given as caps")
        raise DescError(line, f"unknown object '{name}'")
    return s.objs[name]


def stmt_cap(s, words, line):
    # cap <comp>.<SLOT> = <object> rights=<..> [badge=<n>] [mint]
    if len(words) < 3 or words[1] != '=':
        raise DescError(line, "expected: cap <component>.<SLOT> = <object> rights=... [badge=N] [mint]")
    fixed = []
    c, slot = comp_slot(s, words[0], line, fixed)
    o = lookup_obj(s, words[2], line)
    a = split_attrs(words[3:], line, ('rights', 'badge', 'mint', 'sole', 'probe', 'alias'))
    if 'rights' not in a:
        raise DescError(line, "cap needs rights=")
    rights = parse_rights(a['rights'], line, RIGHT_BITS, 'right')
    if rights & ~o.max:
        raise DescError(line, f"cap {c.name}.{slot} asks for rights {rights_str(rights)} on {o.kind} "
                        f"'{o.name}', which allows at most {rights_str(o.max)} (line {o.line})")
    badge = parse_int(a['badge'], line, 'badge') if 'badge' in a else 0
    if badge and o.kind != 'endpoint' and o.kind != 'notification':
        raise DescError(line, f"{o.kind} caps carry no badge")
    if 'sole' in a and (o.kind not in ('thread', 'space', 'untyped') or o.comp is None or o.comp is c):
        raise DescError(line, "only a cap to another component's thread, space or untyped can be sole")
    if not 0 <= badge < 1 << 64:
        raise DescError(line, "badge out of range")
    if o.comp is not None and o.comp.restart:
        raise DescError(line, f"'{o.comp.name}' is restarted by the supervisor: its {o.kind} dies with each "
                        "instance, so no cap to it can be given")
    take_slot(s, c, slot, line, fixed)
    c.caps.append((slot, o, rights, badge, 'mint' in a, line))
    if 'probe' in a:
        c.probe.add(slot)
    if 'alias' in a:
        if not badge:
            raise DescError(line, "alias: only a badged cap can share its badge")
        c.alias.add(slot)
    if 'sole' in a:
        for x in s.order:
            if any(x2[1] is o for x2 in x.caps if x2[0] in x.sole):
                raise DescError(line, f"'{o.name}' is already given sole to '{x.name}'")
        c.sole.add(slot)


def stmt_slot(s, words, line):
    # slot <comp>.<SLOT> receives <endpoint>: empty slot for a cap that arrives at run time
    # slot <comp>.<SLOT> empty: a named slot the program fills itself
    if not ((len(words) == 3 and words[1] == 'receives') or (len(words) == 2 and words[1] == 'empty')):
        raise DescError(line, "expected: slot <component>.<SLOT> receives <object> | slot <component>.<SLOT> empty")
    fixed = []
    c, slot = comp_slot(s, words[0], line, fixed)
    o = lookup_obj(s, words[2], line) if len(words) == 3 else None
    take_slot(s, c, slot, line, fixed)
    c.empty.append((slot, o, line))


def stmt_map(s, words, line):
    # map <region> -> <comp> at <va> rights=<R|R,W|R,X>
    if len(words) != 6 or words[1] != '->' or words[3] != 'at':
        raise DescError(line, "expected: map <region> -> <component> at <address> rights=...")
    if words[0] not in s.regions:
        raise DescError(line, f"unknown region '{words[0]}'")
    r = s.regions[words[0]]
    if words[2] not in s.comps:
        raise DescError(line, f"unknown component '{words[2]}'")
    c = s.comps[words[2]]
    va = parse_int(words[4], line, 'address')
    a = split_attrs(words[5:], line, ('rights',))
    if 'rights' not in a:
        raise DescError(line, "map needs rights=")
    perms = parse_rights(a['rights'], line, PERM_BITS, 'permission')
    if not perms & PERM_BITS['R']:
        raise DescError(line, "a mapping must include R")
    if perms & PERM_BITS['W'] and perms & PERM_BITS['X']:
        raise DescError(line, "a mapping cannot be both writable and executable (W^X)")
    if perms & ~r.max:
        raise DescError(line, f"mapping of '{r.name}' with {rights_str(perms, PERM_BITS)} exceeds the "
                        f"region's max {rights_str(r.max, PERM_BITS)} (line {r.line})")
    if va % PAGE:
        raise DescError(line, f"address {va:#x} is not 4 KiB aligned")
    if va < USER_LO or va + r.size > USER_HI:
        raise DescError(line, f"mapping {va:#x}..{va + r.size:#x} is outside user space "
                        f"{USER_LO:#x}..{USER_HI:#x}")
    for (r2, va2, _, l2) in c.maps:
        if r2 is r:
            raise DescError(line, f"region '{r.name}' already mapped into '{c.name}' at line {l2}")
    c.maps.append((r, va, perms, line))


# ---------------------------------------------------------------- checks


def fixed_ranges(c):
    """The program image, then each thread's stack and IPC buffer (thread i:
    i stack strides down, i pages up; user/lib/spawn.c)."""
    out = [(PROGRAM_VA, PROGRAM_VA + c.image, 'program image')]
    for i in range(len(c.threads) + 1):
        top = STACK_TOP - i * STACK_STRIDE
        out += [(top - STACK_PAGES * PAGE, top, 'stack'), (IPCBUF_VA + i * PAGE, IPCBUF_VA + (i + 1) * PAGE,
                                                          'IPC buffer')]
    return out


def check_overlaps(c):
    # The window is only reserved: nothing is mapped there at build time.
    free = (L['COMP_FREE_VA'], L['COMP_FREE_VA'] + L['COMP_FREE_SIZE'], 'run-time window (COMP_FREE_VA)')
    taken = fixed_ranges(c) + [free]
    for (r, va, _, line) in c.maps:
        end = va + r.size
        for (lo, hi, what) in taken:
            if va < hi and lo < end:
                raise DescError(line, f"mapping of '{r.name}' at {va:#x}..{end:#x} in '{c.name}' "
                                f"overlaps its {what} at {lo:#x}..{hi:#x}")
        taken.append((va, end, f"region '{r.name}' (line {line})"))


# Memory, in pages of the root task's one untyped budget. Every kernel
# object is one page (kernel/core/object.c); a space is its object page plus
# its level-1 table (arch_vspace_init), and each mapping adds the level-2
# (1 GiB) and level-3 (2 MiB) tables it touches (kernel/arch/aarch64/mmu.c).


def page_tables(ranges):
    """Tables a 3-level 4 KiB space needs: root + one L2 per GiB + one L3 per 2 MiB."""
    l2, l3 = set(), set()
    for lo, hi in ranges:
        for a in range(lo >> L['PT_L2_SHIFT'], (hi - 1 >> L['PT_L2_SHIFT']) + 1):
            l3.add(a)
            l2.add(a >> L['PT_LEVEL_BITS'])
    return 1 + len(l2) + len(l3)


def program_ranges(c, segments=None):
    """The program's page ranges: its real PT_LOAD segments once the image
    is linked, else the `image` allowance from PROGRAM_VA."""
    return segments if segments is not None else [(PROGRAM_VA, PROGRAM_VA + c.image)]


def footprint(c, segments=None):
    """Pages the component costs: space, thread, stack, IPC buffer, program
    (allowance, or its real pages), its page tables and every region it maps
    (the regions' frames are allocated once, by the loader)."""
    prog = program_ranges(c, segments)
    ranges = prog + [(lo, hi) for lo, hi, _ in fixed_ranges(c)[1:]] + \
        [(va, va + r.size) for r, va, _, _ in c.maps]
    n = len(c.threads) + 1
    parts = {'space+thread': 1 + n, 'stack': STACK_PAGES * n, 'IPC buffer': n,
             'program': sum(hi - lo for lo, hi in prog) // PAGE, 'page tables': page_tables(ranges),
             'regions': sum(r.size // PAGE for r, _, _, _ in c.maps)}
    return parts


def component_pages(c, segments=None):
    """What building the component takes from the budget (regions excluded)."""
    parts = footprint(c, segments)
    return sum(parts.values()) - parts['regions']


def budget_pages(c):
    """What the loader takes from the root's untyped for a component: a
    child untyped of its whole budget, and the untyped's own page."""
    return -(-c.budget // PAGE) + 1


def region_window(s):
    """Where the loader backs the regions in its own space (loader.c):
    from SD_REGION_ROOT_VA up, one guard page after each."""
    out, va = [], L['SD_REGION_ROOT_VA']
    for r in s.regions.values():
        out.append((va, va + r.size))
        va += r.size + PAGE
    return out


def loader_pages(s):
    """What the loader itself takes: its own objects (SD_ROOT_SLOTS_LOADER, one
    page each: the report endpoint and the supervisor's reply object), every object, the
    regions' frames and the page tables of its region window."""
    window = region_window(s)
    tables = page_tables(window) - 1 if window else 0   # the root's L1 exists already
    return L['SD_ROOT_SLOTS_LOADER'] + len(s.objs) + sum(r.size for r in s.regions.values()) // PAGE + tables


def check_budget(c):
    """The component's own `budget=` (a build-time check: one untyped)."""
    parts = footprint(c)
    total = sum(parts.values()) * PAGE
    if total > c.budget:
        detail = ', '.join(f'{k} {v}' for k, v in parts.items())
        raise DescError(c.line, f"component '{c.name}' needs {total // 1024} KiB ({detail} pages) "
                        f"but its budget is {c.budget // 1024} KiB")
    return total


def check_badges(s):
    seen = {}
    for c in s.order:
        for (slot, o, rights, badge, _, line) in c.caps:
            if o.kind != 'endpoint' or badge == 0:
                continue
            key = (o.name, badge)
            if key in seen and slot in c.alias and seen[key][2]:
                continue
            if key in seen:
                raise DescError(line, f"badge {badge:#x} on endpoint '{o.name}' is already given to "
                                f"{seen[key][0]} at line {seen[key][1]}: the server could not tell them apart")
            seen[key] = (f'{c.name}.{slot}', line, slot in c.alias)


def can_call(rights):
    return rights & RIGHT_BITS['W'] and rights & (RIGHT_BITS['G'] | RIGHT_BITS['GR'])


def call_edges(s):
    """(caller, callee, line, why): caller can block in Call until callee replies."""
    receivers = {}
    for c in s.order:
        for (slot, o, rights, _, _, line) in c.caps:
            if o.kind == 'endpoint' and rights & RIGHT_BITS['R'] and slot not in c.probe:
                receivers.setdefault(o.name, []).append(c)
    edges = []
    for c in s.order:
        for (slot, o, rights, _, mint, line) in c.caps:
            if o.kind == 'endpoint' and can_call(rights) and not mint and slot not in c.probe:
                edges += [(c, r, line, f'{c.name}.{slot} calls {o.name}') for r in receivers.get(o.name, [])]
        for (slot, o, line) in c.empty:
            if o is not None and o.kind == 'endpoint':
                edges += [(c, r, line, f'{c.name}.{slot} (filled at run time) calls {o.name}')
                          for r in receivers.get(o.name, [])]
    return edges


def check_cycles(s, edges):
    # Add edges in declaration order; the first edge that closes a cycle is reported.
    adj = {}
    for (a, b, line, why) in sorted(edges, key=lambda e: e[2]):
        if a is b and a.threads:
            continue   # one thread of a component calls another of it
        path = find_path(adj, b, a)
        if path is not None:
            chain = ' -> '.join([a.name] + [x.name for x in path])
            raise DescError(line, f"call cycle {chain}: {why} closes a loop of blocking Calls that can deadlock")
        adj.setdefault(a, []).append(b)


def find_path(adj, src, dst):
    """Nodes from src to dst (inclusive) along adj, or None."""
    stack, prev = [src], {src: None}
    while stack:
        n = stack.pop()
        if n is dst:
            out = []
            while n is not None:
                out.append(n)
                n = prev[n]
            return out[::-1]
        for m in adj.get(n, []):
            if m not in prev:
                prev[m] = n
                stack.append(m)
    return None


def check_fault(c, slot, line, who):
    """A fault handler slot names one of c's caps: an endpoint cap that can Call."""
    caps = {x[0]: x for x in c.caps}
    if slot not in caps:
        raise DescError(line, f"fault handler slot '{slot}' of '{who}' is not one of its caps")
    _, o, rights, _, _, _ = caps[slot]
    if o.kind != 'endpoint' or not can_call(rights):
        raise DescError(caps[slot][5], f"fault handler cap {c.name}.{slot} must be an endpoint "
                        "cap with W and G or GR (the kernel Calls it)")


def fold_cores(s, n):
    """The description's system folded onto cores 0..n-1 (sysgen --cores n):
    a component placed on core k goes to core k mod n, so one description
    gives a one-core image (n = 1, placement dropped) or a smaller machine's.
    A system that needs n cores or fewer is left as it is."""
    if s.cpus <= n:
        return
    s.cpus, s.cpus_line = n, None
    for c in s.order:
        c.cpu %= n


def check_placement(s):
    for c in s.order:
        if c.cpu >= s.cpus:
            where = f"system cpus={s.cpus} at line {s.cpus_line}" if s.cpus_line else "no system cpus=: 1 core"
            raise DescError(c.line, f"component '{c.name}' is placed on cpu={c.cpu}, but the system has "
                            f"cores 0..{s.cpus - 1} ({where}; at most {L['PLATFORM_MAX_CPUS']}, "
                            "PLATFORM_MAX_CPUS)")


def check(s):
    check_placement(s)
    for c in s.order:
        if c.fault is not None:
            check_fault(c, c.fault, c.line, c.name)
        for t in c.threads:
            if t.fault is not None:
                check_fault(c, t.fault, t.line, f'{c.name}.{t.name}')
        for (slot, o, line) in c.empty:
            if o is not None and o.kind != 'endpoint':
                raise DescError(line, "only endpoint caps can be received into a declared slot")
        for (slot, o, _, _, _, line) in c.caps:
            holders = [x for x in s.order for y in x.caps if y[1] is o]
            if slot in c.sole and len(holders) > 1:
                raise DescError(line, f"cap {c.name}.{slot} to {o.name} is sole, but "
                                f"{len(holders) - 1} other cap(s) to it are given too")
    check_badges(s)
    for c in s.order:
        check_overlaps(c)
    # Components that share a program share its generated header: same addresses.
    for c in s.order:
        pm = s.prog_maps.setdefault(c.program, {})
        for (r, va, _, line) in c.maps:
            if r.name in pm and pm[r.name][0] != va:
                raise DescError(line, f"program '{c.program}' maps '{r.name}' at {pm[r.name][0]:#x} "
                                f"(line {pm[r.name][1]}) elsewhere; one program, one address")
            pm.setdefault(r.name, (va, line))
    for c in s.order:
        check_budget(c)
    if s.memory is not None:
        need = (loader_pages(s) + sum(component_pages(c) for c in s.order)) * PAGE
        if need > s.memory:
            raise DescError(s.memory_line, f"the system needs {need // 1024} KiB (loader, objects, regions "
                            f"and components), more than system memory={s.memory // 1024} KiB")
    edges = call_edges(s)
    check_cycles(s, edges)
    for c in s.order:
        edges_from = [e for e in edges if e[0] is c]
        c.callees = sorted({e[1].name for e in edges_from})
    if not s.order:
        raise DescError(1, "no components")


# ---------------------------------------------------------------- the linked image


class ImageError(Exception):
    pass


def elf_segments(data, what):
    """Page ranges of the PT_LOAD segments of an AArch64 ELF64 file, as the
    loaders map them (user/lib/spawn.c, kernel/core/boot.c)."""
    if len(data) < 64 or data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        raise ImageError(f'{what} is not a little-endian ELF64 file')
    phoff, = struct.unpack_from('<Q', data, 0x20)
    phentsize, phnum = struct.unpack_from('<HH', data, 0x36)
    if phentsize != 56 or phoff + phnum * 56 > len(data):
        raise ImageError(f'{what}: bad program headers')
    out = []
    for i in range(phnum):
        ptype, _, _, vaddr, _, _, memsz = struct.unpack_from('<IIQQQQQ', data, phoff + i * 56)
        if ptype == 1 and memsz:
            out.append((vaddr & ~(PAGE - 1), -(-(vaddr + memsz) // PAGE) * PAGE))
    return out


def elf_symbols(data, what, names):
    """Values of the named symbols in an ELF64 file's symbol table."""
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum = struct.unpack_from('<HH', data, 0x3a)
    if shentsize != 64 or shoff + shnum * 64 > len(data):
        raise ImageError(f'{what}: bad section headers')
    secs = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * 64) for i in range(shnum)]
    found = {}
    for sec in secs:
        if sec[1] != 2:      # SHT_SYMTAB
            continue
        strtab = secs[sec[6]]
        for off in range(sec[4], sec[4] + sec[5], 24):
            st_name, _, _, _, value, _ = struct.unpack_from('<IBBHQQ', data, off)
            start = strtab[4] + st_name
            name = data[start:data.index(b'\0', start)].decode('ascii', 'replace')
            if name in names:
                found[name] = value
    missing = [n for n in names if n not in found]
    if missing:
        raise ImageError(f'{what}: no symbol {", ".join(missing)}')
    return found


def read_kernel(path):
    """From a linked kernel image: where its page pool starts, the size of
    its boot image and the page ranges of every program in it. A truncated
    or malformed file is an ImageError, never a crash."""
    try:
        return _read_kernel(path)
    except (struct.error, ValueError, IndexError) as e:
        raise ImageError(f'{path}: malformed ELF file ({e})') from None


def _read_kernel(path):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        raise ImageError(f'cannot read {path}: {e.strerror}') from None
    elf_segments(data, path)
    sym = elf_symbols(data, path, ('__kernel_end', 'bootimg_start', 'bootimg_end'))
    phoff, = struct.unpack_from('<Q', data, 0x20)
    _, phnum = struct.unpack_from('<HH', data, 0x36)
    img = None
    for i in range(phnum):
        ptype, _, off, vaddr, _, filesz, _ = struct.unpack_from('<IIQQQQQ', data, phoff + i * 56)
        if ptype == 1 and vaddr <= sym['bootimg_start'] and sym['bootimg_end'] <= vaddr + filesz:
            img = data[off + sym['bootimg_start'] - vaddr:off + sym['bootimg_end'] - vaddr]
    if img is None or len(img) < 16:
        raise ImageError(f'{path}: the boot image is not in a loaded segment')
    magic, count = struct.unpack_from('<QQ', img, 0)
    entry = struct.Struct(f"<{L['BOOTIMG_NAME_LEN']}sQQ")  # struct bootimg_entry
    if magic != L['BOOTIMG_MAGIC'] or 16 + count * entry.size > len(img):
        raise ImageError(f'{path}: bad boot image header')
    programs = []
    for i in range(count):
        raw, off, size = entry.unpack_from(img, 16 + i * entry.size)
        name = raw.split(b'\0', 1)[0].decode('ascii', 'replace')
        if off + size > len(img):
            raise ImageError(f'{path}: boot image entry {name} is outside the image')
        programs.append((name, elf_segments(img[off:off + size], f'{path}: boot image entry {name}')))
    return {'kernel_end': sym['__kernel_end'], 'bootimg_bytes': len(img), 'programs': programs}


def check_image(s, k):
    """The exact memory check against a linked kernel image `k`
    (read_kernel): every program within its `image` allowance, and the
    root task, loader and components within the budget the kernel gives the
    root task. Returns the pages (budget, needed)."""
    ram_end = L['PLATFORM_RAM_BASE'] + L['PLATFORM_RAM_SIZE']
    pool_start = -(-k['kernel_end'] // PAGE) * PAGE
    if k['kernel_end'] > L['PLATFORM_RAM_BASE'] + L['IMG_L3_TABLES'] * (1 << L['PT_L2_SHIFT']):
        raise DescError(1, f"the kernel image ends at {k['kernel_end']:#x}, beyond the "
                        f"{(L['IMG_L3_TABLES'] << L['PT_L2_SHIFT']) >> 20} MiB the kernel maps for it (IMG_L3_TABLES)")
    pool = max(0, (ram_end - pool_start) // PAGE)
    budget = pool - L['KERNEL_RESERVE_PAGES'] if pool > L['KERNEL_RESERVE_PAGES'] else 0
    progs = dict(k['programs'][1:])
    for c in s.order:
        if c.program not in progs:
            raise DescError(c.line, f"program '{c.program}' of '{c.name}' is not in the boot image")
        for lo, hi in progs[c.program]:
            if lo < PROGRAM_VA or hi > PROGRAM_VA + c.image:
                raise DescError(c.line, f"program '{c.program}' occupies {lo:#x}..{hi:#x}, outside the "
                                f"{c.image // 1024} KiB image allowance of '{c.name}' at {PROGRAM_VA:#x} "
                                "(raise image=)")
    # The root task, as kernel/core/boot.c builds it, and its region window.
    root_prog = k['programs'][0][1]
    img_pages = -(-k['bootimg_bytes'] // PAGE)
    stack_lo = L['ROOT_STACK_TOP'] - L['ROOT_STACK_PAGES'] * PAGE
    ranges = root_prog + [(L['ROOT_BOOTIMG_VA'], L['ROOT_BOOTIMG_VA'] + img_pages * PAGE),
                          (stack_lo, L['ROOT_STACK_TOP']), (L['ROOT_IPCBUF_VA'], L['ROOT_IPCBUF_VA'] + PAGE)]
    root = 2 + sum(hi - lo for lo, hi in root_prog) // PAGE + L['ROOT_STACK_PAGES'] + 1 + page_tables(ranges)
    window = region_window(s)
    base = root + L['SD_ROOT_SLOTS_LOADER'] + (page_tables(ranges + window) - page_tables(ranges))
    # Walk the statements in file order; the one that crosses the budget is the error.
    items = [(o.line, 1) for o in s.objs.values()] + \
        [(r.line, r.size // PAGE) for r in s.regions.values()] + \
        [(c.line, budget_pages(c)) for c in s.order]
    need = base
    for line, pages in sorted(items):
        need += pages
        if need > budget:
            raise DescError(line, f"the system outgrows memory here: it needs {need} pages so far (root task "
                            f"{root}), the kernel gives the root task {budget} pages ({pool} in its pool "
                            f"less KERNEL_RESERVE_PAGES = {L['KERNEL_RESERVE_PAGES']})")
    return budget, need, root


# ---------------------------------------------------------------- output


def c_ident(name):
    return name.upper()


def cap_ref(o, oi, ci):
    """How the loader's cap table names object o: (SD_REF_*, index, thread)."""
    if o.kind in KOBJ:
        return 'SD_REF_OBJECT', oi[o.name], 0
    if o.comp is None:
        return {'space': 'SD_REF_ROOT_SPACE', 'untyped': 'SD_REF_ROOT_UNTYPED'}[o.kind], 0, 0
    if o.kind == 'space':
        return 'SD_REF_SPACE', ci[o.comp.name], 0
    if o.kind == 'untyped':
        return 'SD_REF_UNTYPED', ci[o.comp.name], 0
    return 'SD_REF_THREAD', ci[o.comp.name], o.thread.index if o.thread else 0


def gen_tables(s, name):
    objs = list(s.objs.values())
    regions = list(s.regions.values())
    oi = {o.name: i for i, o in enumerate(objs)}
    ri = {r.name: i for i, r in enumerate(regions)}
    ci = {c.name: i for i, c in enumerate(s.order)}
    out = [f'/* Generated by tools/sysgen.py from {name}: the tables the root-task loader',
           ' * (system/loader/loader.c) builds the system from. Do not edit. */',
           '#include <ipc/ipc.h> /* IPC_R, ... */', '#include "sysdesc.h"', '']
    out.append('static const struct sd_object objects[] = {')
    out += [f'\t{{"{o.name}", {KOBJ[o.kind]}}},' for o in objs] or ['\t{0, 0},']
    out.append('};')
    out.append('static const struct sd_region regions[] = {')
    out += [f'\t{{"{r.name}", {r.size // PAGE}u}},' for r in regions] or ['\t{0, 0},']
    out.append('};')
    out.append('static const struct sd_component components[] = {')
    for c in s.order:
        slots = s.prog_slots.get(c.program, new_slots())
        fault = slots[c.fault] if c.fault else 'SD_SLOT_REPORT' if c.restart else 'KABI_SLOT_NONE'
        reports = len(c.threads) + 1 if c.reports else 0   # one "done" from each of its threads
        r = c.restart or {'limit': 0, 'backoff_us': 0}
        out.append(f'\t{{"{c.name}", "{c.program}", {c.prio}u, {c.stage}u, {c.until}u, {reports}u, '
                   f'{fault}, {c.arg:#x}ul, {budget_pages(c) - 1}u, {r["limit"]}u, {r["backoff_us"]}u, '
                   f'{c.cpu}u}},')
    out.append('};')
    out.append('static const struct sd_thread threads[] = {')
    for t in s.threads:
        slots = s.prog_slots.get(t.comp.program, new_slots())
        fault = slots[t.fault] if t.fault else 'SD_SLOT_REPORT' if t.comp.restart else 'KABI_SLOT_NONE'
        out.append(f'\t{{{ci[t.comp.name]}u, {t.index}u, {t.prio}u, {fault}, {t.arg:#x}ul}}, '
                   f'/* {t.comp.name}.{t.name}, line {t.line} */')
    if not s.threads:
        out.append('\t{0, 0, 0, 0, 0},')
    out.append('};')
    out.append('static const struct sd_cap caps[] = {')
    ncaps = 0
    for c in s.order:
        slots = s.prog_slots.get(c.program, new_slots())
        for (slot, o, rights, badge, _, line) in c.caps:
            ref, index, thread = cap_ref(o, oi, ci)
            out.append(f'\t{{{ci[c.name]}u, {slots[slot]}u, {ref}, {index}u, {thread}u, {int(slot in c.sole)}u, '
                       f'{rights_c(rights)}, {badge:#x}ul}}, /* {c.name}.{slot} = {o.name}, line {line} */')
            ncaps += 1
    if not ncaps:
        out.append('\t{0, 0, 0, 0, 0, 0, 0, 0},')
    out.append('};')
    out.append('static const struct sd_map maps[] = {')
    nmaps = 0
    for c in s.order:
        for (r, va, perms, line) in c.maps:
            out.append(f'\t{{{ri[r.name]}u, {ci[c.name]}u, {va:#x}ul, {rights_c(perms, PERM_BITS, PERM_C)}}}, '
                       f'/* {r.name} -> {c.name}, line {line} */')
            nmaps += 1
    if not nmaps:
        out.append('\t{0, 0, 0, 0},')
    out.append('};')
    out += ['', 'const struct sd_system sd_system = {',
            f'\t"{name}",',
            f'\tobjects, {len(objs)}u, regions, {len(regions)}u, components, {len(s.order)}u,',
            f'\tthreads, {len(s.threads)}u, caps, {ncaps}u, maps, {nmaps}u,',
            f'\t{max(c.until for c in s.order)}u, {s.plan or 0}u, {s.cpus}u,', '};', '']
    return '\n'.join(out)


def unmapped_va(comps):
    """The first 4 GiB boundary above everything the program's components
    map (program image, stacks, IPC buffers, regions)."""
    top = max([hi for c in comps for _, hi, _ in fixed_ranges(c)] +
              [va + r.size for c in comps for r, va, _, _ in c.maps])
    return -(-top // (1 << 32)) * (1 << 32)


def gen_header(s, prog, name):
    guard = f'SYSGEN_{c_ident(prog)}_H'
    comps = [c for c in s.order if c.program == prog]
    out = [f'/* Generated by tools/sysgen.py from {name}: slot numbers and region',
           f' * addresses of program "{prog}" (components: {", ".join(c.name for c in comps)}).',
           ' * Do not edit; change the description instead. */',
           f'#ifndef {guard}', f'#define {guard}', '']
    slots = s.prog_slots.get(prog, new_slots())
    for slot, n in slots.items():
        out.append(f'#define SLOT_{c_ident(slot)} {n}u')
    out.append(f'#define SYS_SLOT_LAST {max(slots.values())}u /* the highest slot above */')
    out.append(f'#define SYS_PROGRAM_VA {PROGRAM_VA:#x}ul /* where every program links ({USER_LD}) */')
    # Addresses a test aims at to show they are out of reach.
    out.append(f'#define SYS_UNMAPPED_VA {unmapped_va(comps):#x}ul /* nothing of this program maps it */')
    out.append(f"#define SYS_KERNEL_VA {L['KERNEL_VA']:#x}ul /* the kernel image ({KERNEL_LD}) */")
    out.append(f"#define SYS_RAM_BASE {L['PLATFORM_RAM_BASE']:#x}ul /* physical RAM (board.h) */")
    out.append(f"#define SYS_UART_BASE {L['PLATFORM_UART_BASE']:#x}ul /* the console's device (board.h) */")
    out.append('')
    # A program holding a cap to another component's space fills that
    # component's slots: it sees that program's slot numbers too.
    others = sorted({o.comp.program for c in comps for (_, o, _, _, _, _) in c.caps
                     if o.kind == 'space' and o.comp is not None and o.comp.program != prog})
    for other in others:
        for slot, n in s.prog_slots.get(other, new_slots()).items():
            out.append(f'#define {c_ident(other)}_SLOT_{c_ident(slot)} {n}u /* program "{other}" */')
    if others:
        out.append('')
    # Every component's priority (a test that controls threads needs its own).
    for c in s.order:
        out.append(f'#define PRIO_{c_ident(c.name)} {c.prio}u')
        out.append(f'#define BUDGET_PAGES_{c_ident(c.name)} {budget_pages(c) - 1}u /* its untyped */')
    out.append('')
    # Every component's arg and every restart= policy (a test of the
    # supervisor checks what the description asked for).
    for c in s.order:
        out.append(f'#define ARG_{c_ident(c.name)} {c.arg:#x}ul')
        if c.restart:
            out.append(f'#define RESTART_LIMIT_{c_ident(c.name)} {c.restart["limit"]}u')
            out.append(f'#define RESTART_BACKOFF_US_{c_ident(c.name)} {c.restart["backoff_us"]}u')
    out.append('')
    # Every badged cap of the system, so a server can tell its clients apart.
    badged = [(c, slot, badge) for c in s.order for (slot, _, _, badge, _, _) in c.caps if badge]
    for c, slot, badge in badged:
        out.append(f'#define BADGE_{c_ident(c.name)}_{c_ident(slot)} {badge:#x}ul')
    if badged:
        out.append('')
    seen = []
    for c in comps:
        for (r, va, perms, _) in c.maps:
            if r.name in [x[0].name for x in seen]:
                continue
            seen.append((r, va))
            out.append(f'#define REGION_{c_ident(r.name)}_VA {va:#x}ul')
            out.append(f'#define REGION_{c_ident(r.name)}_SIZE {r.size:#x}ul')
    out.append('/* Every region above: X(NAME, va, size) for each. */')
    out.append('#define SYS_REGION_LIST(X) ' + ' '.join(f'X({c_ident(r.name)}, {va:#x}ul, {r.size:#x}ul)'
                                                       for r, va in seen))
    out += ['', f'#endif', '']
    return '\n'.join(out)


def gen_report(s, name):
    out = [f'System {name}: {len(s.order)} components, {len(s.objs)} objects, {len(s.regions)} regions', '']
    for c in s.order:
        parts = footprint(c)
        used = sum(parts.values()) * PAGE
        slots = s.prog_slots.get(c.program, new_slots())
        until = f', reports by the end of stage {c.until}' if c.until != c.stage else ''
        out.append(f'component {c.name} (program {c.program}, priority {c.prio}, stage {c.stage}{until}, '
                   f'arg {c.arg:#x}' + (f', core {c.cpu}' if s.cpus > 1 else '') + ')')
        if c.restart:
            out.append(f'  restart  up to {c.restart["limit"]} times, {c.restart["backoff_us"]} us after each '
                       'crash (the loader supervises it)')
            out.append(f'  slot {slots["REPORT"]:2}  REPORT      {"endpoint (loader: supervisor)":<30} W,G '
                       f'badge {s.order.index(c) + 1:#x} (fault handler of every thread)')
        for t in c.threads:
            out.append(f'  thread   {t.name} (priority {t.prio}, arg {t.arg:#x}'
                       + (f', fault handler {t.fault}' if t.fault else '') + ')')
        out.append(f'  memory   {used // 1024} KiB of {c.budget // 1024} KiB budget '
                   f'({", ".join(f"{k} {v}" for k, v in parts.items())} pages)')
        if c.reports:
            out.append(f'  slot {slots["REPORT"]:2}  REPORT      {"endpoint (loader report)":<30} W')
        for (slot, o, rights, badge, mint, _) in c.caps:
            extra = (f' badge {badge:#x}' if badge else '') + (' (mint source)' if mint else '')
            fault = ' (fault handler)' if slot == c.fault or any(t.fault == slot for t in c.threads) else ''
            fault += ' (sole: the loader keeps no cap to it)' if slot in c.sole else ''
            fault += ' (probe: not in the call graph)' if slot in c.probe else ''
            out.append(f'  slot {slots[slot]:2}  {slot:<11} {o.kind + " " + o.name:<30} {rights_str(rights)}'
                       f'{extra}{fault}')
        for (slot, o, _) in c.empty:
            what = f'receives a cap to {o.name} at run time' if o else 'filled by the program'
            out.append(f'  slot {slots[slot]:2}  {slot:<11} (empty: {what})')
        for lo, hi, what in fixed_ranges(c):
            out.append(f'  map  {lo:#013x}..{hi:#013x} {what}')
        for (r, va, perms, _) in c.maps:
            out.append(f'  map  {va:#013x}..{va + r.size:#013x} region {r.name} {rights_str(perms, PERM_BITS)}')
        out.append(f'  calls    {", ".join(c.callees) or "nobody"}')
        out.append('')
    return '\n'.join(out)


def rights_list(bits, table=RIGHT_BITS):
    return [k for k, v in table.items() if bits & v]


def signal_edges(s):
    """(signaller, waiter, notification): who may signal whom."""
    waiters = {}
    for c in s.order:
        for (_, o, rights, _, _, _) in c.caps:
            if o.kind == 'notification' and rights & RIGHT_BITS['R']:
                waiters.setdefault(o.name, []).append(c.name)
    out = []
    for c in s.order:
        for (_, o, rights, _, _, _) in c.caps:
            if o.kind == 'notification' and rights & RIGHT_BITS['W']:
                out += [(c.name, w, o.name) for w in waiters.get(o.name, [])]
    return out


def gen_report_json(s, name):
    """The report as data (docs/system-report.schema.json describes it)."""
    comps = []
    for c in s.order:
        parts = footprint(c)
        slots = s.prog_slots.get(c.program, new_slots())
        caps = []
        if c.reports:
            caps.append({'slot': slots['REPORT'], 'name': 'REPORT', 'object': None,
                         'kind': 'endpoint', 'rights': ['W'], 'badge': 0, 'mint_source': False,
                         'fault_handler': False, 'sole': False, 'probe': False, 'note': 'the loader\'s report endpoint'})
        if c.restart:
            caps.append({'slot': slots['REPORT'], 'name': 'REPORT', 'object': None,
                         'kind': 'endpoint', 'rights': ['W', 'G'], 'badge': s.order.index(c) + 1,
                         'mint_source': False, 'fault_handler': True, 'sole': False, 'probe': False,
                         'note': 'the supervisor (the loader\'s report endpoint): fault messages of every thread'})
        for (slot, o, rights, badge, mint, _) in c.caps:
            caps.append({'slot': slots[slot], 'name': slot, 'object': o.name, 'kind': o.kind,
                         'rights': rights_list(rights), 'badge': badge, 'mint_source': bool(mint),
                         'fault_handler': slot == c.fault or any(t.fault == slot for t in c.threads),
                         'sole': slot in c.sole, 'probe': slot in c.probe})
        maps = [{'what': what, 'region': None, 'va': lo, 'size': hi - lo, 'rights': []}
                for lo, hi, what in fixed_ranges(c)]
        maps += [{'what': 'region', 'region': r.name, 'va': va, 'size': r.size,
                  'rights': rights_list(perms, PERM_BITS)} for (r, va, perms, _) in c.maps]
        comps.append({
            'name': c.name, 'program': c.program, 'priority': c.prio, 'stage': c.stage, 'until': c.until,
            'arg': c.arg, 'cpu': c.cpu,
            'threads': [{'name': t.name, 'priority': t.prio, 'arg': t.arg,
                         'fault_handler': t.fault or ('REPORT' if c.restart else None)}
                        for t in c.threads],
            'budget': c.budget, 'memory': sum(parts.values()) * PAGE, 'pages': parts,
            'fault_handler': c.fault or ('REPORT' if c.restart else None), 'caps': caps,
            'restart': c.restart,
            'empty_slots': [{'slot': slots[slot], 'name': slot, 'receives': o.name if o else None}
                            for (slot, o, _) in c.empty],
            'mappings': maps, 'calls': list(c.callees)})
    calls = sorted({(a.name, b.name, why.split(' calls ')[-1]) for (a, b, _, why) in call_edges(s)})
    return {
        'format': 'libipc-system-report', 'version': 1, 'system': name,
        'memory': s.memory, 'plan': s.plan, 'cpus': s.cpus,
        'components': comps,
        'objects': [{'name': o.name, 'kind': o.kind} for o in s.objs.values()],
        'regions': [{'name': r.name, 'size': r.size,
                     'mapped_by': [c.name for c in s.order for (m, _, _, _) in c.maps if m is r]}
                    for r in s.regions.values()],
        'calls': [{'caller': a, 'callee': b, 'endpoint': e} for a, b, e in calls],
        'signals': [{'signaller': a, 'waiter': b, 'notification': n}
                    for a, b, n in sorted(set(signal_edges(s)))],
    }


def gen_svg(s, name):
    """A picture of the system: components on top, their endpoints and
    notifications in the middle, shared regions below; an edge per cap
    (arrow towards the object for W, from it for R; label: rights and
    badge) and per mapping (label: permissions)."""
    import html
    comps, objs = s.order, [o for o in s.objs.values() if o.kind in ('endpoint', 'notification')]
    regions = list(s.regions.values())
    colw = 190
    ncol = max(len(comps), len(objs), len(regions), 1)
    width, height = colw * ncol + 40, 470
    cx = {c.name: 20 + colw * i + colw // 2 for i, c in enumerate(comps)}
    ox = {o.name: 20 + colw * i + colw // 2 + (colw * (ncol - len(objs))) // 2 for i, o in enumerate(objs)}
    rx = {r.name: 20 + colw * i + colw // 2 + (colw * (ncol - len(regions))) // 2
          for i, r in enumerate(regions)}
    cy, oy, ry = 50, 230, 400
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="11">',
           '<defs><marker id="arr" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto">'
           '<path d="M0,0 L10,4 L0,8 z" fill="#34495e"/></marker></defs>',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="20" y="18" font-weight="bold">system {html.escape(name)}</text>']
    for c in comps:
        for (slot, o, rights, badge, mint, _) in c.caps:
            if o.name not in ox:
                continue
            x1, x2 = cx[c.name], ox[o.name]
            w_ok = rights & RIGHT_BITS['W'] and not mint
            y1, y2 = (cy + 22, oy - 22) if w_ok else (oy - 22, cy + 22)
            if not w_ok:
                x1, x2 = x2, x1
            dash = ' stroke-dasharray="3,3"' if mint or not (rights & (RIGHT_BITS['R'] | RIGHT_BITS['W'])) else ''
            color = '#2471a3' if o.kind == 'notification' else '#34495e'
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}"{dash} '
                       f'marker-end="url(#arr)"/>')
            label = f'{slot} {rights_str(rights)}' + (f' badge {badge:#x}' if badge else '') + \
                (' mint' if mint else '')
            out.append(f'<text x="{(x1 + x2) / 2 + 4}" y="{(y1 + y2) / 2}" fill="{color}">'
                       f'{html.escape(label)}</text>')
        for (slot, o, _) in c.empty:
            if o is not None and o.name in ox:
                out.append(f'<line x1="{ox[o.name]}" y1="{oy - 22}" x2="{cx[c.name]}" y2="{cy + 22}" '
                           f'stroke="#7f8c8d" stroke-dasharray="2,4"/>')
        for (r, va, perms, _) in c.maps:
            out.append(f'<line x1="{cx[c.name]}" y1="{cy + 22}" x2="{rx[r.name]}" y2="{ry - 16}" '
                       f'stroke="#27ae60"/>')
            out.append(f'<text x="{(cx[c.name] + rx[r.name]) / 2 + 4}" y="{(cy + ry) / 2 + 40}" '
                       f'fill="#27ae60">{html.escape(rights_str(perms, PERM_BITS))} at {va:#x}</text>')
    for c in comps:
        out.append(f'<rect x="{cx[c.name] - 80}" y="{cy - 22}" width="160" height="44" rx="5" '
                   f'fill="#eef2f7" stroke="#34495e"/>')
        out.append(f'<text x="{cx[c.name]}" y="{cy - 4}" text-anchor="middle" font-weight="bold">'
                   f'{html.escape(c.name)}</text>')
        out.append(f'<text x="{cx[c.name]}" y="{cy + 12}" text-anchor="middle">prio {c.prio}, '
                   f'{c.budget // 1024} KiB</text>')
    for o in objs:
        fill = '#fdebd0' if o.kind == 'endpoint' else '#d6eaf8'
        out.append(f'<ellipse cx="{ox[o.name]}" cy="{oy}" rx="70" ry="22" fill="{fill}" stroke="#34495e"/>')
        out.append(f'<text x="{ox[o.name]}" y="{oy + 4}" text-anchor="middle">{html.escape(o.kind)} '
                   f'{html.escape(o.name)}</text>')
    for r in regions:
        out.append(f'<rect x="{rx[r.name] - 70}" y="{ry - 16}" width="140" height="32" fill="#e9f7ef" '
                   f'stroke="#27ae60"/>')
        out.append(f'<text x="{rx[r.name]}" y="{ry + 4}" text-anchor="middle">region {html.escape(r.name)} '
                   f'{r.size // 1024} KiB</text>')
    out.append('</svg>')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('description')
    ap.add_argument('--tables', help='write the loader tables (C) here')
    ap.add_argument('--header-dir', help='write <program>_sys.h for every program here')
    ap.add_argument('--report', help='write the human-readable report here')
    ap.add_argument('--json', help='write the report as JSON here (docs/system-report.schema.json)')
    ap.add_argument('--svg', help='write a picture of the system (SVG) here')
    ap.add_argument('--prefix', help='header names are <prefix>_<program>_sys.h (default: the '
                    'description file name without .sys)')
    ap.add_argument('--programs', action='store_true', help='print the programs, one a line')
    ap.add_argument('--cpus', action='store_true', help='print the cores the system needs (system cpus=)')
    ap.add_argument('--cores', type=int, metavar='N',
                    help='the same system folded onto N cores (a component on core k on k mod N, '
                    'cpus=N; a system that needs N cores or fewer stays as it is): e.g. a one-core '
                    'image from a description that places components on several (cpu=)')
    ap.add_argument('--kernel', help='check memory exactly against this linked kernel image '
                    '(its page pool, boot image and programs)')
    ap.add_argument('--stamp', help='with --kernel: write the memory figures here')
    ap.add_argument('--source-root', default=ROOT, help='where the C sources of the limits are')
    ap.add_argument('--depfile', help='write the C sources the limits came from here (Makefile syntax), '
                    'for the first output (--tables or --stamp)')
    a = ap.parse_args()
    try:
        set_limits(load_limits(a.source_root))
    except LimitsError as e:
        print(f'sysgen: {e}', file=sys.stderr)
        return 2
    try:
        s = parse(a.description)
        if a.cores is not None:
            check_placement(s)  # as written: folding must not hide a misplaced component
            if not 1 <= a.cores <= L['PLATFORM_MAX_CPUS']:
                ap.error(f"--cores {a.cores}: must be 1..{L['PLATFORM_MAX_CPUS']} (PLATFORM_MAX_CPUS)")
            fold_cores(s, a.cores)
        check(s)
        if a.kernel:
            budget, need, root = check_image(s, read_kernel(a.kernel))
    except DescError as e:
        print(f'{a.description}:{e.line}: error: {e.msg}', file=sys.stderr)
        return 1
    except (OSError, ImageError) as e:
        print(f'sysgen: {e}', file=sys.stderr)
        return 1
    if a.kernel and a.stamp:
        with open(a.stamp, 'w') as f:
            f.write(f'{a.description}: root task {root} pages, system {need} pages of the '
                    f'{budget}-page budget, {budget - need} left\n')
    if a.depfile:
        target = a.tables or a.stamp or a.description
        with open(a.depfile, 'w') as f:
            f.write(f'{target}: ' + ' '.join(source_files(a.source_root)) + '\n')
    name = a.description.rsplit('/', 1)[-1]
    if a.programs:
        print('\n'.join(sorted({c.program for c in s.order})))
    if a.cpus:
        print(s.cpus)
    if a.tables:
        with open(a.tables, 'w') as f:
            f.write(gen_tables(s, name))
    if a.header_dir:
        for prog in sorted({c.program for c in s.order}):
            prefix = a.prefix or name.rsplit('.', 1)[0]
            with open(f'{a.header_dir}/{prefix}_{prog}_sys.h', 'w') as f:
                f.write(gen_header(s, prog, name))
    if a.report:
        with open(a.report, 'w') as f:
            f.write(gen_report(s, name))
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(gen_report_json(s, name), f, indent=1)
            f.write('\n')
    if a.svg:
        with open(a.svg, 'w') as f:
            f.write(gen_svg(s, name))
    return 0


if __name__ == '__main__':
    sys.exit(main())
