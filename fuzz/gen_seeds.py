#!/usr/bin/env python3
"""Write the hand-made seed inputs of the ops and transfer fuzz targets.

Each seed is a short scenario for one docs/semantics.md rule, assembled in the
byte encoding that fuzz/lockstep.c decodes (keep the two in step: the op
numbers are `enum op` there, the argument bytes are read in the order the
op's case reads them). Usage: gen_seeds.py <fuzz/corpus dir>; the dictionaries go to its sibling dict/.
"""
import os
import re
import sys

LOCKSTEP_C = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lockstep.c')
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
import sysgen  # noqa: E402  (its strict reader of C #defines and enumerators)

# Cap rights as libipc defines them (the argument bytes lockstep.c masks with IPC_RIGHTS_ALL).
_RIGHTS = sysgen.c_defines(os.path.join(sysgen.ROOT, 'libipc', 'include', 'ipc', 'ipc.h'),
                           ('IPC_R', 'IPC_W', 'IPC_G', 'IPC_GR'))
R, W, G, GR = (_RIGHTS[k] for k in ('IPC_R', 'IPC_W', 'IPC_G', 'IPC_GR'))
ALL = R | W | G | GR


def lockstep_ops():
    """The op names of lockstep.c's `enum op`, in order (OP_SEND -> 'send'),
    and its TRANSFER_DIRECT: read from the source, so the two cannot drift."""
    text = open(LOCKSTEP_C).read()
    body = text[text.index('enum op {'):]
    body = body[:body.index('OP_COUNT')]
    names = [n.lower() for n in re.findall(r'^\s*OP_([A-Z0-9_]+),', body, re.M)]
    direct = int(re.search(r'^#define TRANSFER_DIRECT (\d+)$', text, re.M).group(1))
    return names, direct


OPS, TRANSFER_DIRECT = lockstep_ops()  # in transfer mode, opcode bytes from TRANSFER_DIRECT up name any op
OP = {n: i for i, n in enumerate(OPS)}
assert TRANSFER_DIRECT + len(OPS) <= 256
NONE = 28          # slot byte decoding to IPC_SLOT_NONE
BAD = 26           # slot byte decoding to slot 11 (outside the CSpace)
AS_IS = 0x80       # thread byte flag: use this thread even if blocked
PRIO = {10: 0, 20: 2, 30: 4, 0: 5, 255: 6, 21: 7}
ERR = {"cancelled": 0, "timed_out": 1, "peer_gone": 4, "zero": 6}


def enc_len(n):
    """Byte decoding to message length n (0..5, 120, or 121: too long)."""
    return n if n < 6 else 222 if n == 120 else 250


def badge(n):
    """Byte decoding to badge n (0 or 1..4)."""
    return 0 if n == 0 else 96 + (n - 1)


class Prog:
    def __init__(self, mode="ops", prios=(10, 10, 10, 10), variation=(0, 0, 0, 0), table=()):
        self.mode = mode
        self.b = bytearray(PRIO[p] for p in prios)
        if mode == "ops":
            self.b += bytes(variation)
        else:
            for slots in table:  # per thread: list of (obj or None, rights, badge)
                for k in range(10):
                    cap = slots[k] if k < len(slots) else None
                    if cap is None:
                        self.b += bytes([0x85, 0])  # 0x85 % 9 = 7: no object
                        continue
                    o, r, bd = cap
                    self.b += bytes([o, r, badge(bd)])

    def op(self, name, *args):
        n = OP[name]
        if self.mode == "transfer":  # codes >= TRANSFER_DIRECT select any op directly
            self.b.append(TRANSFER_DIRECT + n)
        else:
            self.b.append(n)
        self.b += bytes(args)
        return self

    # Messages: descs = [(slot, mode, rights, badge_n)], rslots = (a, b, c)
    def _sbuf(self, descs):
        self.b.append(1 if descs else 0)
        for (s, m, r, bd) in descs:
            self.b += bytes([s, m, r, badge(bd)])

    def _rbuf(self, rslots):
        self.b.append(1 if rslots else 0)
        if rslots:
            self.b += bytes(rslots)

    def send(self, t, slot, length=2, descs=(), kind="send", dl=0):
        self.op(kind, t, slot, enc_len(length), len(descs), 0x34, 0x12)
        if kind != "nbsend":
            self.b.append(dl)
        self._sbuf(descs)
        return self

    def recv(self, t, slot, reply=NONE, rslots=None, kind="recv", dl=0):
        self.op(kind, t, slot, reply)
        if kind == "recv":
            self.b.append(dl)
        self._rbuf(rslots)
        return self

    def reply(self, t, rslot, length=1, descs=(), label=(0, 0)):
        self.op("reply", t, rslot, length, len(descs), *label)
        self._sbuf(descs)
        return self

    def reply_recv(self, t, slot, rslot, length=1, descs=(), rslots=None):
        self.op("reply_recv", t, slot, rslot, length, len(descs), 0x56, 0x34, 0)
        self._sbuf(descs)
        self._rbuf(rslots)
        return self

    def nbsend_recv(self, t, sslot, slot, rslot=NONE, length=1):
        self.op("nbsend_recv", t, sslot, slot, rslot, length, 0, 0x78, 0x56, 0)
        self._sbuf(())
        self._rbuf(None)
        return self


def ops_seeds():
    s = {}
    p = Prog(); p.send(0, 0).recv(1, 0); s["S1_send_first"] = p
    p = Prog(); p.recv(1, 0).send(0, 0, length=5); s["S1_recv_first"] = p
    p = Prog(prios=(30, 10, 20, 10)); p.recv(1, 0).send(0, 0).send(2, 0); s["S1_prio"] = p
    p = Prog(); p.send(0, 1, kind="nbsend").recv(1, 1, kind="nbrecv"); s["S2_S3_nothing"] = p
    p = Prog(); p.recv(1, 0, reply=4).send(0, 0, kind="call").reply(1, 4).reply(1, 4); s["S4_call_reply"] = p
    p = Prog(); p.recv(1, 0).send(0, 0, kind="call"); s["S5_no_reply_object"] = p
    p = Prog(); p.recv(1, 0, reply=4).send(0, 0, kind="call").recv(1, 0, reply=4); s["S6_rearm"] = p
    p = Prog(); p.recv(1, 0, reply=4).send(0, 0, kind="call").op("thread_destroy", 1); s["S6_server_dies"] = p
    p = Prog(); p.recv(1, 0, reply=4).send(0, 0, kind="call").op("cancel", 0, ERR["timed_out"]).reply(1, 4)
    s["S6_caller_gone"] = p
    p = Prog(); p.recv(1, 0, reply=4).send(0, 6, kind="call").send(2, 6, kind="call").send(3, 6, kind="call")
    p.reply_recv(1, 0, 4).reply_recv(1, 0, 4).reply_recv(1, 0, 4).reply_recv(1, 0, 4)
    s["S7_B3_badge_server"] = p
    p = Prog(); p.recv(1, 0).nbsend_recv(0, 0, 1); s["S9_nbsend_recv"] = p
    p = Prog(); p.op("mint", 0, 0, 0, 8, ALL, badge(3)).op("mint", 0, 6, 0, 9, ALL, badge(2))
    p.op("copy", 0, 8, 2, 8).op("move", 2, 8, 3, 9).op("mint", 0, 8, 0, 8, ALL, 0); s["B2_C1_caps"] = p
    p = Prog(); p.op("copy", 0, 0, 1, 8).op("copy", 1, 8, 2, 8).op("mint", 2, 8, 3, 8, 3, 0)
    p.recv(3, 8).op("revoke", 0, 0).op("delete", 0, 0); s["C2_revoke"] = p
    for t in range(4):
        pass
    p = Prog(); p.recv(1, 1)
    for t in range(4):
        p.op("delete", t, 1)
    s["X1_last_cap"] = p
    p = Prog(); p.recv(1, 0, rslots=(8, 9, NONE)).send(0, 0, descs=[(2, 0, 0, 0), (3, 1, 0, 0)])
    s["C4_C6_transfer"] = p
    p = Prog(); p.recv(1, 0, rslots=(8, NONE, NONE)).send(0, 0, descs=[(0, 2, ALL, 4), (6, 0, 0, 0), (4, 0, 0, 0)])
    s["C5_C8_unwrap"] = p
    p = Prog(variation=(0x80 | 0x40 | 0x1, 0, 0, 0)); p.recv(1, 0, rslots=(8, 9, NONE))
    p.send(0, 0, descs=[(2, 0, 0, 0)]).send(0, 0, kind="call"); s["C3_S8_R1_rights"] = p
    p = Prog(); p.op("signal", 0, 7).op("signal", 2, 7).op("peek", 1, 2).op("wait", 1, 2, 0).op("poll", 1, 2)
    p.op("wait", 3, 2, 0).op("signal", 0, 7); s["N1_N2_N3"] = p
    p = Prog(); p.op("bind", 0, 1).recv(1, 0).op("signal", 0, 7).op("signal", 2, 7).recv(1, 0)
    p.op("wait", 2, 2, 0).op("unbind", 1); s["N4_bound"] = p
    p = Prog(prios=(10, 20, 10, 30)); p.send(0, 0).send(2, 0).send(3, 0).op("set_prio", 0, PRIO[30])
    p.recv(1, 0).recv(1, 0).recv(1, 0); s["Q1_reprio"] = p
    p = Prog(); p.send(0, 0).op("wait", 1, 2, 0).send(2, 0).op("destroy_obj", 0).op("destroy_obj", 2)
    s["X1_destroy"] = p
    p = Prog(); p.send(0, 6).send(2, 6).send(3, 0).op("cap_cancel_badged", 0, 6).op("ep_cancel_badged", 0, badge(3))
    s["X2_cancel_badged"] = p
    p = Prog(); p.recv(1, 0, dl=200).op("cancel", 1, ERR["timed_out"]).op("cancel", 1, ERR["zero"])
    s["X3_X4_timeout"] = p
    p = Prog(); p.recv(1, 0, reply=4).op("fault", 0, 0, 2).reply(1, 4, label=(0, 0)); s["F1_fault"] = p
    p = Prog(); p.recv(0, 0).send(AS_IS | 0, 1).op("signal", AS_IS | 0, 2).reply_recv(AS_IS | 0, 0, BAD)
    p.op("wait", AS_IS | 0, BAD, 0).op("peek", AS_IS | 0, 2); s["blocked_thread_ops"] = p
    p = Prog(); p.op("thread_destroy", 2).op("revive", 2, PRIO[20]).op("install", 2, 8, 1 + 1, ALL, 0)
    p.recv(2, 8); s["revive_install"] = p
    p = Prog(); p.op("set_buffer", 0, 2).send(0, 0).op("set_buffer", 0, 0).op("set_buffer", 1, 2).send(AS_IS | 0, 0)
    p.op("set_buffer", 0, 1).recv(1, 0).op("set_buffer", 0, 1); s["set_buffer"] = p
    p = Prog(); p.recv(1, 0, reply=4).send(0, 0, kind="call").op("destroy_obj", 4).recv(3, 1, reply=4)
    p.op("destroy_obj", 4); s["S6_reply_destroyed"] = p
    # The generator's direct ways (lockstep.c, "direct ways"): T1 receives with
    # its reply object, T0 derives a W|GR cap (no G) to EP0 and Calls through it
    # with receive slots set, T1 replies with a cap: C3, it must be dropped.
    p = Prog(); p.op("recv_reply", 1, 0, 0, 0).op("derive", 0, 0, 0, 0, 3)
    p.op("call_slots", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0).op("reply_caps", 0, 0, 0, 0, 0, 0)
    s["C3_reply_caps_need_grant"] = p
    # T0's slot 0 gets a second child (8, before the minted 6), 8 a child (9):
    # deleting 8 splices 9 in between its parent and its later sibling 6.
    p = Prog(); p.op("derive", 0, 0, 0, 0, 0).op("derive", 0, 8, 0, 0, 0).op("delete_inner", 0)
    s["C1_C2_delete_inner_splice"] = p
    return s




def transfer_seeds():
    s = {}
    table = [
        [(0, ALL, 0), (0, W | G, 1), (2, ALL, 2), (4, ALL, 0), (6, ALL, 0), (1, ALL, 0)],
        [(0, ALL, 0), (1, R, 0), (5, ALL, 0), (2, R, 0)],
        [(0, W, 3), (1, ALL, 0), (3, ALL, 4)],
        [(1, ALL, 0), (0, R | G, 0)],
    ]
    p = Prog("transfer", table=table); p.recv(1, 0, rslots=(6, 7, 8)).send(0, 1, descs=[(2, 0, 0, 0), (4, 1, 0, 0),
                                                                                      (5, 2, R | W, 0)])
    s["C4_copy_move_mint"] = p
    p = Prog("transfer", table=table); p.recv(1, 0, reply=2, rslots=(6, 7, 8)).send(0, 0, kind="call",
                                                                                 descs=[(2, 0, 0, 0)])
    p.reply(1, 2, descs=[(1, 0, 0, 0), (3, 1, 0, 0)]); s["S4_caps_in_reply"] = p
    p = Prog("transfer", table=table); p.send(0, 0, descs=[(0, 2, ALL, 2), (1, 0, 0, 0), (3, 0, 0, 0)])
    p.op("scribble", 0, 2, 3, 1, 0, 0, 9, 0, 0, 0, 2, 2, 1, 0).recv(1, 0, rslots=(9, NONE, 6))
    s["C7_scribbled_descs"] = p
    p = Prog("transfer", table=table); p.recv(1, 0, rslots=(1, 1, BAD)).send(0, 0, descs=[(2, 0, 0, 0), (4, 0, 0, 0),
                                                                                       (5, 0, 0, 0)])
    s["C6_bad_recv_slots"] = p
    p = Prog("transfer", table=table); p.recv(3, 0, rslots=(5, 6, 7)).send(2, 0, descs=[(2, 0, 0, 0)])
    s["C3_no_grant"] = p
    p = Prog("transfer", table=table); p.recv(1, 0).send(0, 0, length=120).recv(1, 0).send(0, 0, length=0)
    p.send(0, 0, length=255)
    s["M1_M2_lengths"] = p
    return s


# SharedRing target (fuzz_ring.c): 2 geometry bytes, then opcode + args.
RING = {"push": 0, "pop": 2, "push_burst": 4, "pop_burst": 5, "reserve": 6, "commit": 7, "peek": 8,
        "release": 9, "counts": 10, "wait": 11, "signal": 12, "announce": 13, "hostile": 14, "reattach": 15,
        "misc": 16, "recreate": 17}


def ring_seeds():
    def ring(slot_idx, cap_log2, *ops):
        b = bytearray([slot_idx, cap_log2, 1, 1])  # geometry, then waker flags of create
        for op in ops:
            b += bytes([RING[op[0]]] + list(op[1:]))
        return bytes(b)
    return {
        "G2_push_pop": ring(3, 2, ("push",), ("push",), ("pop",), ("push",), ("pop",), ("pop",), ("pop",)),
        "G2_fill_wrap": ring(0, 2, *([("push",)] * 5 + [("pop",)] * 3 + [("push",)] * 3 + [("pop",)] * 5)),
        "G4_bursts": ring(4, 3, ("push_burst", 5), ("pop_burst", 3), ("push_burst", 9), ("pop_burst", 20)),
        "G4_reserve_commit": ring(5, 2, ("push",), ("pop",), ("reserve", 255, 9), ("commit", 2), ("reserve", 4, 9),
                                  ("push",), ("commit", 5), ("commit", 1)),
        "G4_peek_release": ring(2, 3, ("push_burst", 7), ("peek", 5, 9), ("pop",), ("release", 3), ("peek", 17, 9),
                                ("release", 4)),
        "G3_wait_signal": ring(1, 1, ("wait", 0), ("wait", 1), ("announce", 1), ("push",), ("signal", 1),
                               ("announce", 0), ("pop",), ("signal", 0), ("push",), ("push",), ("wait", 1)),
        "G5_hostile_head": ring(3, 4, ("push",), ("hostile", 16, 3), ("pop",), ("push_burst", 20), ("pop_burst", 20),
                                ("reserve", 17, 9), ("commit", 17), ("peek", 17, 9), ("release", 17)),
        "G5_hostile_tail": ring(6, 4, ("push_burst", 16), ("hostile", 32, 4), ("push_burst", 20), ("pop",),
                                ("counts",), ("reattach", 1, 200), ("reattach", 0, 200)),
        "G1_hostile_header": ring(7, 0, ("hostile", 1, 0, 7, 0, 0, 0), ("reattach", 0, 200), ("hostile", 3, 5),
                                  ("reattach", 1, 0), ("misc", 8, 0, 0, 0, 16, 0, 0, 0, 0), ("recreate", 1, 1)),
    }


def dict_entries(mode):
    """libFuzzer dictionary: opcodes, special argument bytes, and whole ops."""
    out = []
    for name, n in OP.items():
        code = n if mode == "ops" else TRANSFER_DIRECT + n
        out.append(("op_" + name, bytes([code])))
    out += [("slot_none", bytes([NONE])), ("slot_bad", bytes([BAD])), ("slot_1000", bytes([30])),
            ("len_max", bytes([222])), ("len_too_long", bytes([250])), ("ncaps_too_many", bytes([252])),
            ("badge_big", bytes([0xF5])), ("rights_bad", bytes([0xFF])), ("mode_bad", bytes([0xF3]))]
    out += [("as_is_T%d" % t, bytes([AS_IS | t])) for t in range(4)]
    snippets = {
        "recv_reply": Prog(mode).recv(1, 0, reply=4),
        "call": Prog(mode).send(0, 0, kind="call"),
        "reply": Prog(mode).reply(1, 4),
        "reply_recv": Prog(mode).reply_recv(1, 0, 4),
        "send_caps": Prog(mode).send(0, 0, descs=[(2, 0, 0, 0), (3, 1, 0, 0), (0, 2, ALL, 2)]),
        "recv_slots": Prog(mode).recv(1, 0, rslots=(8, 9, NONE)),
        "signal": Prog(mode).op("signal", 0, 7),
    }
    head = len(Prog(mode).b) if mode == "ops" else None
    for name, prog in snippets.items():
        body = bytes(prog.b[head:]) if head is not None else None
        if body is None:  # transfer: strip the fixed-size cap table
            continue
        out.append((name, body))
    return out


def write_dict(path, mode):
    with open(path, "w") as f:
        f.write("# Generated by fuzz/gen_seeds.py: opcodes and argument bytes of lockstep.c\n")
        for name, b in dict_entries(mode):
            f.write('%s="%s"\n' % (name, "".join("\\x%02x" % c for c in b)))


def write_ring_dict(path):
    with open(path, "w") as f:
        f.write("# Generated by fuzz/gen_seeds.py: opcodes of fuzz_ring.c and hostile index values\n")
        for name, code in RING.items():
            f.write('op_%s="\\x%02x"\n' % (name, code))
        for name, v in (("idx_max", 0xFFFFFFFF), ("idx_half", 0x80000000), ("idx_cap", 16), ("magic", 0x474e5249)):
            f.write('%s="%s"\n' % (name, "".join("\\x%02x" % ((v >> (8 * k)) & 255) for k in range(4))))


def main():
    root = sys.argv[1]
    dict_dir = os.path.join(os.path.dirname(os.path.abspath(root)), "dict")
    os.makedirs(dict_dir, exist_ok=True)
    write_dict(os.path.join(dict_dir, "ops.dict"), "ops")
    write_dict(os.path.join(dict_dir, "transfer.dict"), "transfer")
    write_ring_dict(os.path.join(dict_dir, "ring.dict"))
    for target, seeds in (("ops", ops_seeds()), ("transfer", transfer_seeds()), ("ring", ring_seeds())):
        d = os.path.join(root, target)
        os.makedirs(d, exist_ok=True)
        for name, prog in seeds.items():
            with open(os.path.join(d, "seed-" + name), "wb") as f:
                f.write(bytes(prog.b) if isinstance(prog, Prog) else prog)


if __name__ == "__main__":
    main()
