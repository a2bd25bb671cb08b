#!/bin/sh
# Mutation run (`make mutants`): break libipc on purpose, one hand-written
# mutant at a time, and report which check catches it and how fast. Works on
# a private copy of HEAD (git archive), so the working tree and other
# people's edits are never touched.
#   tools/fuzz_mutants.sh [--all] [seconds-per-fuzz-run (30)] [mutant-name...]
# Each mutant lists the checks that should catch it, in order; they run until
# one fails (--all: every non-fuzz one runs, to show each catches it). A
# fuzzer runs only when no earlier check caught the mutant. Prints one line
# per mutant:
#   name: CAUGHT by check in Ns (+Bs build) (what it said) | MISSED by every check
# where N is the time the check ran until it failed and B the time to build
# what it runs, then a summary per class of mutant (the name's prefix):
#   mo_      the ring's memory orders and fences      (issue 16, 1)
#   ring_    the ring's index checks (G5)
#   order_   which error wins when several checks fail (issue 16, 2)
#   oracle_  bugs only the fuzz oracle's newer comparisons see (issue 16, 3)
#   gen_     bugs on paths the fuzz generators reach directly (issue 16, 4)
#   others   semantics: rights, badges, queues, caps, reply objects, ...
# and exits non-zero if a mutant was missed, did not apply or did not build.
# Checks (all against the mutated copy):
#   relacy      tests/ring/relacy: the ring's code under Relacy (G2, G3)
#   orders      tools/check_ring_orders.py: the SPIN model declares every order
#   precedence  tests/test_precedence.c: which error wins when several checks fail
#   errors      tests/test_errors.c
#   unit        every Criterion unit test (suite unit)
#   ring        tests/ring/test_ring.c (G1-G5 unit tests)
#   fuzz:T      libFuzzer target fuzz_T from the committed corpus, seeded, for
#               the time budget, inputs up to 256 bytes as in suite fuzz
#               (needs clang with libFuzzer)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
all=0
if [ "${1:-}" = --all ]; then
	all=1
	shift
fi
budget=30
case "${1:-}" in [0-9]*)
	budget=$1
	shift
	;;
esac
work=$(mktemp -d /tmp/mutants.XXXXXX)
orig="$work.orig"
trap 'rm -rf "$work" "$orig"' EXIT INT TERM

# name|checks|file|kind|mutation
#   kind sed: a sed expression that must change the file
#   kind lit: OLD ==> NEW, literal text (\n, \t escapes) that must occur once
# Every ring memory-order / fence mutant below is caught (Relacy and the
# order table); none is equivalent. The order table is kept in step with the
# C code, so it refuses every ordering change, including harmless ones.
# The oracle_ and gen_ mutants name the fuzzers first, so that the table
# shows the fuzzers catch them (some unit tests do too): each oracle_ one
# escaped the lock-step comparison before it looked at that field or hook
# moment, and each gen_ one escaped 60 s per target before the generators
# had direct ways onto its path (fuzz/lockstep.c, "direct ways").
mutants='
rights_check|unit,fuzz:ops|libipc/src/cap.c|sed|s/if ((c->rights \& rights) != rights)/if (0)/
badge_on_delivery|unit,fuzz:ops|libipc/src/transfer.c|sed|s/info->badge = badge;/info->badge = 0;/
q1_fifo_among_equals|unit,fuzz:ops|libipc/src/queue.c|lit|band_at_or_above(q, t->prio, &lower) ==> band_at_or_above(q, t->prio == 255 ? 255 : t->prio + 1, &lower)
c3_caps_without_grant|unit,fuzz:transfer|libipc/src/transfer.c|sed|s/if (!grant || xfer_one_check/if (xfer_one_check/
c5_no_unwrap|unit,fuzz:transfer|libipc/src/transfer.c|sed|s/if (ep != NULL \&\& c->obj == \&ep->obj)/if (0)/
c6_occupied_recv_slot|unit,fuzz:transfer|libipc/src/transfer.c|sed|s/if (dst == NULL || dst->obj != NULL)/if (dst == NULL)/
s6_rearm_wakes_ok|unit,fuzz:ops|libipc/src/endpoint.c|sed|s/ipc_reply_clear(ctx, p->reply, IPC_E_PEER_GONE)/ipc_reply_clear(ctx, p->reply, IPC_OK)/
n1_no_coalescing|unit,fuzz:ops|libipc/src/ntfn.c|sed|s/n->word |= cap->badge;/n->word = cap->badge;/
x2_badge0_cancels|unit,fuzz:ops|libipc/src/endpoint.c|sed|s/if (badge == 0 || ep->state != IPC_EP_SEND)/if (ep->state != IPC_EP_SEND)/
failure_changes_world|unit,fuzz:ops|libipc/src/endpoint.c|sed|s/if (p.ep->state != IPC_EP_RECV \&\& (flags \& SEND_BLOCK) == 0)/cur->send = mi; if (p.ep->state != IPC_EP_RECV \&\& (flags \& SEND_BLOCK) == 0)/
revoke_lift_drops_siblings|unit,fuzz:ops|libipc/src/cap.c|lit|n->child = x->next; ==> n->child = NULL;
c9_step_unbounded|unit,fuzz:ops|libipc/src/cap.c|lit|for (; max > 0 && c->child != NULL; max--) { ==> for (; c->child != NULL; max--) {
x6_step_unbounded|unit,fuzz:ops|libipc/src/thread.c|lit|for (; max > 0 && t->replies != NULL; max--) ==> for (; t->replies != NULL; max--)
next_hint_ignores_prio|unit,fuzz:ops|libipc/src/thread.c|sed|s/|| c->best->prio > cur->prio)/|| c->best->prio >= cur->prio)/
ring_no_index_check|ring,fuzz:ring|libipc/include/ipc/ring.h|sed|s/if (IPC_RING_UNLIKELY(used > p->mask + 1u || tail - p->tail_cache > p->mask + 1u))/if (0)/
ring_head_may_move_back|unit,ring,fuzz:ring|libipc/include/ipc/ring.h|sed|s/ || head - c->head_cache > c->mask + 1u//
mo_prod_refresh_tail_acquire|relacy,orders|libipc/include/ipc/ring.h|lit|atomic_load_explicit(&p->sh->tail, memory_order_acquire) ==> atomic_load_explicit(&p->sh->tail, memory_order_relaxed)
mo_cons_refresh_head_acquire|relacy,orders|libipc/include/ipc/ring.h|lit|atomic_load_explicit(&c->sh->head, memory_order_acquire) ==> atomic_load_explicit(&c->sh->head, memory_order_relaxed)
mo_push_release|relacy,orders|libipc/include/ipc/ring.h|lit|head + 1u, memory_order_release) ==> head + 1u, memory_order_relaxed)
mo_pop_release|relacy,orders|libipc/include/ipc/ring.h|lit|tail + 1u, memory_order_release) ==> tail + 1u, memory_order_relaxed)
mo_push_burst_release|relacy,orders|libipc/include/ipc/ring.h|lit|head + n, memory_order_release) ==> head + n, memory_order_relaxed)
mo_pop_burst_release|relacy,orders|libipc/include/ipc/ring.h|lit|tail + n, memory_order_release) ==> tail + n, memory_order_relaxed)
mo_commit_release|relacy,orders|libipc/include/ipc/ring.h|lit|p->head, memory_order_release) ==> p->head, memory_order_relaxed)
mo_release_release|relacy,orders|libipc/include/ipc/ring.h|lit|c->tail, memory_order_release) ==> c->tail, memory_order_relaxed)
mo_prod_signal_fence_removed|relacy,orders|libipc/include/ipc/ring.h|lit|\tatomic_thread_fence(memory_order_seq_cst);\n\tif (IPC_RING_LIKELY(atomic_load_explicit(&p->sh->cons_sleeping ==> \tif (IPC_RING_LIKELY(atomic_load_explicit(&p->sh->cons_sleeping
mo_cons_signal_fence_removed|relacy,orders|libipc/include/ipc/ring.h|lit|\tatomic_thread_fence(memory_order_seq_cst);\n\tif (IPC_RING_LIKELY(atomic_load_explicit(&c->sh->prod_sleeping ==> \tif (IPC_RING_LIKELY(atomic_load_explicit(&c->sh->prod_sleeping
mo_prod_signal_fence_acq_rel|relacy,orders|libipc/include/ipc/ring.h|lit|\tatomic_thread_fence(memory_order_seq_cst);\n\tif (IPC_RING_LIKELY(atomic_load_explicit(&p->sh->cons_sleeping ==> \tatomic_thread_fence(memory_order_acq_rel);\n\tif (IPC_RING_LIKELY(atomic_load_explicit(&p->sh->cons_sleeping
mo_cons_signal_fence_acq_rel|relacy,orders|libipc/include/ipc/ring.h|lit|\tatomic_thread_fence(memory_order_seq_cst);\n\tif (IPC_RING_LIKELY(atomic_load_explicit(&c->sh->prod_sleeping ==> \tatomic_thread_fence(memory_order_acq_rel);\n\tif (IPC_RING_LIKELY(atomic_load_explicit(&c->sh->prod_sleeping
mo_create_magic_release|relacy,orders|libipc/src/ring.c|lit|IPC_RING_MAGIC, memory_order_release) ==> IPC_RING_MAGIC, memory_order_relaxed)
mo_read_header_magic_acquire|relacy,orders|libipc/src/ring.c|lit|&sh->hdr.magic, memory_order_acquire) ==> &sh->hdr.magic, memory_order_relaxed)
mo_prod_attach_tail_acquire|relacy,orders|libipc/src/ring.c|lit|atomic_load_explicit(&sh->tail, memory_order_acquire) ==> atomic_load_explicit(&sh->tail, memory_order_relaxed)
mo_cons_attach_head_acquire|relacy,orders|libipc/src/ring.c|lit|atomic_load_explicit(&sh->head, memory_order_acquire) ==> atomic_load_explicit(&sh->head, memory_order_relaxed)
mo_sleep_fence_removed|relacy,orders|libipc/src/ring.c|lit|\t\tatomic_thread_fence(memory_order_seq_cst);\n ==> 
mo_sleep_fence_acq_rel|relacy,orders|libipc/src/ring.c|lit|\t\tatomic_thread_fence(memory_order_seq_cst); ==> \t\tatomic_thread_fence(memory_order_acq_rel);
order_m2_count_before_length|precedence|libipc/src/transfer.c|lit|\tif (mi.length > IPC_MSG_MAX_WORDS)\n\t\treturn IPC_E_MSG_TOO_LONG;\n\tif (mi.ncaps > IPC_MSG_MAX_CAPS)\n\t\treturn IPC_E_TOO_MANY_CAPS; ==> \tif (mi.ncaps > IPC_MSG_MAX_CAPS)\n\t\treturn IPC_E_TOO_MANY_CAPS;\n\tif (mi.length > IPC_MSG_MAX_WORDS)\n\t\treturn IPC_E_MSG_TOO_LONG;
order_rights_before_type|precedence|libipc/src/cap.c|lit|\tif (c->obj->type != type)\n\t\treturn IPC_E_WRONG_TYPE;\n\tif ((c->rights & rights) != rights)\n\t\treturn IPC_E_NO_RIGHTS; ==> \tif ((c->rights & rights) != rights)\n\t\treturn IPC_E_NO_RIGHTS;\n\tif (c->obj->type != type)\n\t\treturn IPC_E_WRONG_TYPE;
order_send_slot_before_msginfo|precedence|libipc/src/endpoint.c|lit|\terr = ipc_msginfo_check(mi);\n\tif (err == IPC_OK)\n\t\terr = ipc_lookup(cur->cspace, slot, IPC_OBJ_ENDPOINT, IPC_W, &c); ==> \terr = ipc_lookup(cur->cspace, slot, IPC_OBJ_ENDPOINT, IPC_W, &c);\n\tif (err == IPC_OK)\n\t\terr = ipc_msginfo_check(mi);
order_send_state_after_msginfo|precedence|libipc/src/endpoint.c|lit|\tif (cur->state != IPC_TS_RUNNABLE)\n\t\treturn IPC_E_THREAD_STATE;\n\terr = ipc_msginfo_check(mi);\n\tif (err == IPC_OK) ==> \terr = ipc_msginfo_check(mi);\n\tif (err == IPC_OK && cur->state != IPC_TS_RUNNABLE)\n\t\treturn IPC_E_THREAD_STATE;\n\tif (err == IPC_OK)
order_c8_after_mode|precedence|libipc/src/transfer.c|lit|\tif (c->obj->type == IPC_OBJ_REPLY)\n\t\treturn IPC_E_NOT_TRANSFERABLE; /* C8 */\n\tif (x->mode > IPC_XFER_MINT)\n\t\treturn IPC_E_BAD_ARG; ==> \tif (x->mode > IPC_XFER_MINT)\n\t\treturn IPC_E_BAD_ARG;\n\tif (c->obj->type == IPC_OBJ_REPLY)\n\t\treturn IPC_E_NOT_TRANSFERABLE; /* C8 */
order_descriptors_last_first|precedence|libipc/src/transfer.c|lit|\tfor (uint32_t i = 0; i < mi.ncaps; i++) {\n\t\tstruct ipc_cap *c;\n\t\tint err = xfer_one_check(sender->cspace, &sender->buf->caps[i], &c); ==> \tfor (uint32_t i = mi.ncaps; i-- > 0;) {\n\t\tstruct ipc_cap *c;\n\t\tint err = xfer_one_check(sender->cspace, &sender->buf->caps[i], &c);
order_b2_badged_before_type|precedence|libipc/src/cap.c|lit|\tif (type != IPC_OBJ_ENDPOINT && type != IPC_OBJ_NTFN)\n\t\treturn IPC_E_WRONG_TYPE;\n\tif (src->badge != 0)\n\t\treturn IPC_E_ALREADY_BADGED; ==> \tif (src->badge != 0)\n\t\treturn IPC_E_ALREADY_BADGED;\n\tif (type != IPC_OBJ_ENDPOINT && type != IPC_OBJ_NTFN)\n\t\treturn IPC_E_WRONG_TYPE;
order_mint_mask_after_badge|precedence|libipc/src/cap.c|lit|\tif ((mask & ~(uint32_t)IPC_RIGHTS_ALL) != 0)\n\t\treturn IPC_E_BAD_ARG;\n\tif (badge == 0)\n\t\treturn IPC_OK;\n\tif (type != IPC_OBJ_ENDPOINT && type != IPC_OBJ_NTFN)\n\t\treturn IPC_E_WRONG_TYPE;\n\tif (src->badge != 0)\n\t\treturn IPC_E_ALREADY_BADGED;\n\treturn IPC_OK; ==> \tif (badge != 0 && type != IPC_OBJ_ENDPOINT && type != IPC_OBJ_NTFN)\n\t\treturn IPC_E_WRONG_TYPE;\n\tif (badge != 0 && src->badge != 0)\n\t\treturn IPC_E_ALREADY_BADGED;\n\tif ((mask & ~(uint32_t)IPC_RIGHTS_ALL) != 0)\n\t\treturn IPC_E_BAD_ARG;\n\treturn IPC_OK;
order_same_slot_after_destination|precedence|libipc/src/cap.c|lit|\tif (ipc_slot(dst_cs, dst) == *s)\n\t\treturn IPC_E_SAME_SLOT;\n\treturn slot_empty(dst_cs, dst, d); ==> \terr = slot_empty(dst_cs, dst, d);\n\tif (err == IPC_OK && ipc_slot(dst_cs, dst) == *s)\n\t\treturn IPC_E_SAME_SLOT;\n\treturn err;
order_destination_before_source|precedence|libipc/src/cap.c|lit|\tint err = slot_full(src_cs, src, s);\n\n\tif (err != IPC_OK)\n\t\treturn err;\n\tif (ipc_slot(dst_cs, dst) == *s) ==> \tint err = slot_empty(dst_cs, dst, d);\n\n\tif (err == IPC_E_BAD_SLOT)\n\t\treturn err;\n\terr = slot_full(src_cs, src, s);\n\tif (err != IPC_OK)\n\t\treturn err;\n\tif (ipc_slot(dst_cs, dst) == *s)
order_install_slot_before_args|precedence|libipc/src/cap.c|lit|\tif (obj == NULL || obj->type == IPC_OBJ_NONE || (rights & ~(uint32_t)IPC_RIGHTS_ALL) != 0)\n\t\treturn IPC_E_BAD_ARG;\n\terr = slot_empty(cs, slot, &c);\n\tif (err != IPC_OK)\n\t\treturn err; ==> \terr = slot_empty(cs, slot, &c);\n\tif (err != IPC_OK)\n\t\treturn err;\n\tif (obj == NULL || obj->type == IPC_OBJ_NONE || (rights & ~(uint32_t)IPC_RIGHTS_ALL) != 0)\n\t\treturn IPC_E_BAD_ARG;
order_poll_nothing_before_bound|precedence|libipc/src/ntfn.c|lit|\tif (n->bound != NULL && n->bound != cur)\n\t\treturn ipc_fail(IPC_E_BOUND);\n\tif (!n->pending)\n\t\treturn ipc_fail(IPC_E_NOTHING); /* N3: distinct from badge 0 */ ==> \tif (!n->pending)\n\t\treturn ipc_fail(IPC_E_NOTHING); /* N3: distinct from badge 0 */\n\tif (n->bound != NULL && n->bound != cur)\n\t\treturn ipc_fail(IPC_E_BOUND);
order_wait_rights_before_type|precedence|libipc/src/endpoint.c|lit|: ipc_lookup(cur->cspace, slot, IPC_OBJ_NTFN, 0, &c); ==> : IPC_OK;
order_reply_no_caller_after_receiver|precedence|libipc/src/reply.c|lit|\tif (r->caller == NULL && !r->caller_gone)\n\t\treturn IPC_E_NO_CALLER; /* S4: never called, or already answered */\n\tif (r->server != cur)\n\t\treturn IPC_E_NOT_RECEIVER; /* S4 */ ==> \tif (r->server != cur)\n\t\treturn IPC_E_NOT_RECEIVER; /* S4 */\n\tif (r->caller == NULL && !r->caller_gone)\n\t\treturn IPC_E_NO_CALLER; /* S4: never called, or already answered */
order_reply_recv_receive_half_first|precedence|libipc/src/endpoint.c|lit|\tif (err == IPC_OK)\n\t\terr = ipc_msginfo_check(mi);\n\t/* S4: ==> \tif (err == IPC_OK)\n\t\terr = recv_check(cur, slot, reply_slot, &p);\n\tif (err == IPC_OK)\n\t\terr = ipc_msginfo_check(mi);\n\t/* S4:
order_cancel_state_before_status|precedence|libipc/src/thread.c|lit|\tif (err >= 0)\n\t\treturn ipc_fail(IPC_E_BAD_ARG);\n\tif (t->state == IPC_TS_RUNNABLE || t->state == IPC_TS_DEAD)\n\t\treturn ipc_fail(IPC_E_THREAD_STATE); ==> \tif (t->state == IPC_TS_RUNNABLE || t->state == IPC_TS_DEAD)\n\t\treturn ipc_fail(IPC_E_THREAD_STATE);\n\tif (err >= 0)\n\t\treturn ipc_fail(IPC_E_BAD_ARG);
order_fault_handler_before_state|precedence|libipc/src/endpoint.c|lit|\tif (t->state != IPC_TS_RUNNABLE)\n\t\treturn ipc_fail(IPC_E_THREAD_STATE);\n\tif (ipc_lookup(t->cspace, handler_slot ==> \tif (ipc_lookup(t->cspace, handler_slot
order_bind_waiters_before_bound|precedence|libipc/src/ntfn.c|lit|\tif (n->bound != NULL || t->bound != NULL)\n\t\treturn ipc_fail(IPC_E_ALREADY_BOUND);\n\t/* N4: only the bound thread may wait; refuse if others already do. */\n\tif (!ipc_queue_empty(&n->waiters))\n\t\treturn ipc_fail(IPC_E_BOUND); ==> \t/* N4: only the bound thread may wait; refuse if others already do. */\n\tif (!ipc_queue_empty(&n->waiters))\n\t\treturn ipc_fail(IPC_E_BOUND);\n\tif (n->bound != NULL || t->bound != NULL)\n\t\treturn ipc_fail(IPC_E_ALREADY_BOUND);
oracle_deadline_kept_after_delivery|fuzz:ops,fuzz:transfer|libipc/src/endpoint.c|lit|\t\t\tcur->is_fault = 0;\n\t\t\tcur->deadline = IPC_DEADLINE_NONE; ==> \t\t\tcur->is_fault = 0;
oracle_deadline_accessor_drops_reply_wait|fuzz:ops,fuzz:transfer|libipc/include/ipc/ipc.h|lit|\treturn t->deadline; ==> \treturn t->state == IPC_TS_BLOCKED_REPLY ? IPC_DEADLINE_NONE : t->deadline;
oracle_is_last_by_tree_links|fuzz:ops,fuzz:transfer|libipc/src/cap.c|lit|\t*last = c->obj->refs == 1; ==> \t*last = c->parent == NULL && c->child == NULL;
oracle_wake_before_transfer|fuzz:ops,fuzz:transfer|libipc/src/endpoint.c|lit|\tipc_transfer(cur, r, p->ep, kind, p->badge, p->grant);\n\tipc_wake(ctx, r, IPC_OK); ==> \tipc_wake(ctx, r, IPC_OK);\n\tipc_transfer(cur, r, p->ep, kind, p->badge, p->grant);
oracle_block_before_wake|fuzz:ops,fuzz:transfer|libipc/src/endpoint.c|lit|\tipc_wake(ctx, r, IPC_OK);\n\n\tif ((flags & SEND_CALL) == 0)\n\t\treturn IPC_OK;\n\tif (reply == NULL)\n\t\treturn IPC_E_NO_REPLY; /* S5: delivered, but no reply possible */\n\tcur->can_grant = p->grant;\n\tipc_reply_link(reply, r, cur);\n\treturn IPC_BLOCKED; ==> \tif ((flags & SEND_CALL) != 0 && reply != NULL) {\n\t\tcur->can_grant = p->grant;\n\t\tipc_reply_link(reply, r, cur);\n\t}\n\tipc_wake(ctx, r, IPC_OK);\n\tif ((flags & SEND_CALL) == 0)\n\t\treturn IPC_OK;\n\tif (reply == NULL)\n\t\treturn IPC_E_NO_REPLY;\n\treturn IPC_BLOCKED;
gen_reply_caps_without_grant|fuzz:transfer,fuzz:ops|libipc/src/reply.c|lit|ipc_transfer(cur, caller, NULL, IPC_EV_REPLY, 0, caller->can_grant); ==> ipc_transfer(cur, caller, NULL, IPC_EV_REPLY, 0, 1);
gen_splice_drops_later_siblings|fuzz:ops,fuzz:transfer|libipc/src/cap.c|lit|\t\tlast->next = c->next; ==> \t\tlast->next = NULL;
gen_splice_back_link|fuzz:ops,fuzz:transfer|libipc/src/cap.c|lit|\t\tif (c->next != NULL)\n\t\t\tc->next->prev = last; ==> \t\tif (c->next != NULL)\n\t\t\tc->next->prev = c->prev;
'

apply() { # file kind mutation
	case $2 in
	sed) sed -i "$3" "$work/$1" ;;
	lit) python3 - "$work/$1" "$3" <<'EOF' ;;
import re, sys
path, spec = sys.argv[1], sys.argv[2]
old, new = re.split(r' ==>(?: |$)', spec, maxsplit=1)
dec = lambda s: s.replace('\\n', '\n').replace('\\t', '\t')
old, new = dec(old), dec(new)
text = open(path).read()
if text.count(old) == 1:
    open(path, 'w').write(text.replace(old, new))
EOF
	*) echo "unknown mutation kind $2" >&2 ;;
	esac
}

setup_gcc() {
	[ -f "$work/build-gcc/build.ninja" ] && return 0
	meson setup "$work/build-gcc" "$work" -Dfuzz=disabled -Dbench=disabled -Dwerror=false \
		>"$work/setup-gcc.log" 2>&1
}
setup_fuzz() {
	[ -f "$work/build-fuzz/build.ninja" ] && return 0
	CC=clang CXX=clang++ meson setup "$work/build-fuzz" "$work" -Dfuzz=enabled -Dbench=disabled \
		-Db_lundef=false -Dwerror=false >"$work/setup-fuzz.log" 2>&1
}

# now: seconds since the epoch, with a fraction.
now() {
	date +%s.%N
}
# run_check CHECK: 0 = passed, 1 = failed (caught), 2 = did not build;
# leaves a one-line reason in $why and the moment the check itself started
# (after its build) in $ran.
run_check() {
	why=""
	ran=""
	log="$work/check.log"
	case $1 in
	orders)
		ran=$(now)
		python3 "$work/tools/check_ring_orders.py" --root "$work" >"$log" 2>&1 && return 0
		why=$(grep -m1 -v '^ok' "$log" | cut -c1-100)
		return 1 ;;
	relacy | precedence | errors | ring | unit)
		setup_gcc
		case $1 in
		relacy) target=tests/ring/relacy_ring ;;
		precedence) target=tests/test_precedence ;;
		errors) target=tests/test_errors ;;
		ring) target=tests/ring/test_ring ;;
		unit) target=test ;;
		esac
		if [ "$1" = unit ]; then
			# Build only what suite unit runs (not relacy, examples, ...).
			targets=$(meson introspect --tests "$work/build-gcc" | python3 -c "import json, os, sys
print(' '.join(sorted({os.path.relpath(t['cmd'][0], sys.argv[1]) for t in json.load(sys.stdin)
                      if 'unit' in t['suite']})))" "$work/build-gcc")
			# shellcheck disable=SC2086
			ninja -C "$work/build-gcc" $targets >"$log" 2>&1 || return 2
			ran=$(now)
			meson test -C "$work/build-gcc" --suite unit --no-rebuild >"$log" 2>&1 && return 0
			why=$(grep -m1 -E '^ *[0-9]+/[0-9]+ .*FAIL' "$log" | sed 's/  */ /g' | cut -c1-100)
			return 1
		fi
		ninja -C "$work/build-gcc" "$target" >"$log" 2>&1 || return 2
		ran=$(now)
		CRITERION_JOBS=1 "$work/build-gcc/$target" >"$log" 2>&1 && return 0
		if [ "$1" = relacy ]; then
			why="$(grep -m1 '^FAIL' "$log" | sed 's/  */ /g; s/ [0-9]* iterations.*//'):"
			why="$why $(grep -m1 -E '^[A-Z ]+ \(' "$log" | cut -c1-60)"
		else
			why=$(grep -m1 -E ': got .*, want|changed the world|failed with' "$log" ||
				grep -m1 -E 'Assertion|FAIL' "$log" || true)
			why=$(echo "$why" | sed 's/^\[----\] *//' | cut -c1-120)
		fi
		return 1 ;;
	fuzz:*)
		t=${1#fuzz:}
		setup_fuzz || return 2
		ninja -C "$work/build-fuzz" "fuzz/fuzz_$t" >"$log" 2>&1 || return 2
		rm -rf "$work/corpus" && mkdir -p "$work/corpus"
		ran=$(now)
		if timeout "$((budget + 5))" "$work/build-fuzz/fuzz/fuzz_$t" -seed=1 -max_len=256 -max_total_time="$budget" \
			-dict="$src/fuzz/dict/$t.dict" -artifact_prefix="$work/" "$work/corpus" \
			"$src/fuzz/corpus/$t" >"$log" 2>&1; then
			return 0
		fi
		why=$(grep -m1 -E 'MISMATCH|check failed|ERROR: AddressSanitizer|runtime error' "$log" |
			sed 's/^\*\*\*\* //' | cut -c1-100)
		return 1 ;;
	esac
	echo "unknown check $1" >&2
	return 2
}

git -C "$src" archive HEAD | tar -x -C "$work"
mkdir -p "$orig"
(cd "$work" && tar -cf - libipc) | tar -x -C "$orig"

selected() {
	[ $# -eq 0 ] && return 0
	case " $* " in *" $name "*) return 0 ;; esac
	return 1
}

# Baseline: every check a selected mutant relies on passes on HEAD itself.
checks=$(printf "%s\n" "$mutants" | while IFS='|' read -r name chk file kind expr; do
	[ -n "$name" ] && selected "$@" && echo "$chk" | tr ',' '\n'
done | sort -u)
for c in $checks; do
	case $c in fuzz:*) continue ;; esac # the fuzzers' own suite replays HEAD
	if ! run_check "$c"; then
		echo "baseline: check $c fails on unmodified HEAD ($why); see $log" >&2
		exit 1
	fi
done

# summary RESULTS: one line per class of mutant (see the top of this file):
# how many, how many caught, by which check first, and the slowest catch.
summary() {
	[ -f "$1" ] || return 0
	python3 - "$1" <<'EOF'
import collections, sys
classes = [("mo_", "ring memory orders, fences"), ("ring_", "ring index checks"),
           ("order_", "check order (precedence)"), ("oracle_", "fuzz oracle gaps"),
           ("gen_", "fuzz generator paths"), ("", "semantics")]
rows = collections.OrderedDict((title, []) for _, title in classes)
for line in open(sys.argv[1]):
    name, check, secs = line.split()
    title = next(t for p, t in classes if name.startswith(p))
    rows[title].append((check, None if secs == "-" else float(secs)))
print("%-28s %7s %6s  %-44s %s" % ("class", "mutants", "caught", "first caught by", "slowest"))
for title, got in rows.items():
    if got:
        caught = [g for g in got if g[1] is not None]
        by = collections.Counter(c for c, _ in caught)
        print("%-28s %7d %6d  %-44s %.1fs" % (title, len(got), len(caught),
              ", ".join("%s %d" % kv for kv in sorted(by.items())),
              max((s for _, s in caught), default=0)))
EOF
}

bad=0
total=0
rm -f "$work/results"
printf "%s\n" "$mutants" | {
	while IFS='|' read -r name chk file kind expr; do
		[ -n "$name" ] || continue
		selected "$@" || continue
		total=$((total + 1))
		# Put back only the file the previous mutant changed: copying the
		# whole tree would touch libipc/meson.build and make Meson
		# reconfigure both builds for every mutant.
		[ -z "${last:-}" ] || cp "$orig/$last" "$work/$last"
		last=$file
		apply "$file" "$kind" "$expr"
		if cmp -s "$orig/$file" "$work/$file"; then
			echo "$name: mutation did not apply (source changed?)"
			bad=$((bad + 1))
			continue
		fi
		caught="" first=""
		for c in $(echo "$chk" | tr ',' ' '); do
			case $c in fuzz:*) [ -n "$first" ] && continue ;; esac
			[ -n "$first" ] && [ $all -eq 0 ] && break
			start=$(now)
			rc=0
			run_check "$c" || rc=$?
			times=$(python3 -c "import sys; s, r, e = sys.argv[1:]; r = float(r or e); \
print(f'{float(e) - r:.1f} {r - float(s):.1f}')" "$start" "$ran" "$(now)")
			secs=${times% *} build=${times#* }
			case $rc in
			1)
				caught="${caught:+$caught; }$c in ${secs}s (+${build}s build) ($why)"
				[ -n "$first" ] || first="$c $secs"
				;;
			2) caught="${caught:+$caught; }$c: MUTANT DOES NOT BUILD" bad=$((bad + 1)) ;;
			*) [ $all -eq 1 ] && caught="${caught:+$caught; }$c passed (${secs}s)" ;;
			esac
		done
		if [ -n "$first" ]; then
			echo "$name: CAUGHT by $caught"
			echo "$name $first" >>"$work/results"
		else
			echo "$name: MISSED by every check ($chk)${caught:+: $caught}"
			echo "$name - -" >>"$work/results"
			bad=$((bad + 1))
		fi
	done
	echo "$total mutants, $bad missed or broken"
	summary "$work/results"
	[ $bad -eq 0 ]
}
