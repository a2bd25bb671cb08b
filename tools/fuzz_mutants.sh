#!/bin/sh
# Mutation check of the fuzzers (issue 4): break libipc on purpose, one
# hand-written mutant at a time, and measure how long the lock-step fuzzers
# take to notice. Works on a private copy of HEAD (git archive), so the
# working tree and other people's edits are never touched.
#   tools/fuzz_mutants.sh [seconds-per-mutant (60)] [mutant-name...]
# Prints one line per mutant: name, target, result (FOUND in Ns / MISSED).
# Needs clang with libFuzzer.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
budget=${1:-60}
[ $# -gt 0 ] && shift
work=$(mktemp -d /tmp/fuzz-mutants.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# name | target | file | sed expression (must change the file)
mutants='
rights_check|ops|libipc/src/cap.c|s/if ((c->rights \& rights) != rights)/if (0)/
badge_on_delivery|ops|libipc/src/transfer.c|s/info->badge = badge;/info->badge = 0;/
q1_fifo_among_equals|ops|libipc/src/queue.c|s/after->prio < t->prio/after->prio <= t->prio/
c3_caps_without_grant|transfer|libipc/src/transfer.c|s/if (!grant || xfer_one_check/if (xfer_one_check/
c5_no_unwrap|transfer|libipc/src/transfer.c|s/if (ep != NULL \&\& c->obj == \&ep->obj)/if (0)/
c6_occupied_recv_slot|transfer|libipc/src/transfer.c|s/if (dst == NULL || dst->obj != NULL)/if (dst == NULL)/
s6_rearm_wakes_ok|ops|libipc/src/endpoint.c|s/ipc_reply_clear(ctx, p->reply, IPC_E_PEER_GONE)/ipc_reply_clear(ctx, p->reply, IPC_OK)/
n1_no_coalescing|ops|libipc/src/ntfn.c|s/n->word |= cap->badge;/n->word = cap->badge;/
x2_badge0_cancels|ops|libipc/src/endpoint.c|s/if (badge == 0 || ep->state != IPC_EP_SEND)/if (ep->state != IPC_EP_SEND)/
failure_changes_world|ops|libipc/src/endpoint.c|s/if (p.ep->state != IPC_EP_RECV \&\& (flags \& SEND_BLOCK) == 0)/cur->send = mi; if (p.ep->state != IPC_EP_RECV \&\& (flags \& SEND_BLOCK) == 0)/
revoke_one_leaf|ops|libipc/src/cap.c|s/while (c->child != NULL) {/if (c->child != NULL) {/
next_hint_ignores_prio|ops|libipc/src/thread.c|s/|| c->best->prio > cur->prio)/|| c->best->prio >= cur->prio)/
ring_no_index_check|ring|libipc/include/ipc/ring.h|s/if (IPC_RING_UNLIKELY(used > p->mask + 1u || tail - p->tail_cache > p->mask + 1u))/if (0)/
ring_head_may_move_back|ring|libipc/include/ipc/ring.h|s/ || head - c->head_cache > c->mask + 1u//
'

git -C "$src" archive HEAD | tar -x -C "$work"
orig="$work.orig"
mkdir -p "$orig"
cleanup_orig() { rm -rf "$orig"; }
trap 'rm -rf "$work" "$orig"' EXIT INT TERM
(cd "$work" && tar -cf - libipc) | tar -x -C "$orig"
CC=clang meson setup "$work/build" "$work" -Dfuzz=enabled -Dbench=disabled -Db_lundef=false -Dwerror=false >/dev/null

echo "$mutants" | while IFS='|' read -r name target file expr; do
	[ -n "$name" ] || continue
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	rm -rf "$work/libipc" && cp -r "$orig/libipc" "$work/libipc"
	sed -i "$expr" "$work/$file"
	if cmp -s "$orig/$file" "$work/$file"; then
		echo "$name $target: mutation did not apply (source changed?)"
		continue
	fi
	if ! ninja -C "$work/build" "fuzz/fuzz_$target" >"$work/build.log" 2>&1; then
		echo "$name $target: mutant does not build"
		continue
	fi
	rm -rf "$work/corpus" && mkdir -p "$work/corpus"
	start=$(date +%s)
	if timeout "$((budget + 5))" "$work/build/fuzz/fuzz_$target" -seed=1 -max_total_time="$budget" \
		-dict="$src/fuzz/dict/$target.dict" -artifact_prefix="$work/" "$work/corpus" \
		"$src/fuzz/corpus/$target" >"$work/run.log" 2>&1; then
		echo "$name $target: MISSED in ${budget}s"
	else
		end=$(date +%s)
		why=$(grep -m1 -E 'MISMATCH|check failed|ERROR: AddressSanitizer|runtime error' "$work/run.log" |
			sed 's/^\*\*\*\* //' | cut -c1-110)
		echo "$name $target: FOUND in $((end - start))s: $why"
	fi
done
