#!/bin/sh
# Keeps the README true: extracts the first C example of README.md,
# compiles it against libipc with a main() that checks what its comments
# claim, and runs it. Usage: test_readme_example.sh CC INCDIR GENINCDIR LIBIPC_A
set -eu
cc=$1 inc=$2 geninc=$3 lib=$4
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk '/^```c$/ {on = 1; next} on && /^```$/ {exit} on {print}' "$repo/README.md" >"$work/example.c"
[ -s "$work/example.c" ] || { echo "no C example in README.md"; exit 1; }
cat >>"$work/example.c" <<'MAIN'

#include <stdio.h>
int main(void)
{
	if (setup() != IPC_OK || exchange() != &server ||ipc_thread_status(&client) != IPC_OK || client_buf.words[0] != 42 + 0x51 ||
	    ipc_thread_recv_info(&client)->kind != IPC_EV_REPLY ||
	    ipc_thread_state(&server) != IPC_TS_BLOCKED_RECV) {
		printf("README example: FAILED (status %d, word %llu)\n", ipc_thread_status(&client),
		       (unsigned long long)client_buf.words[0]);
		return 1;
	}
	puts("README example: ok");
	return 0;
}
MAIN
"$cc" -std=c11 -Wall -Werror -Wno-unused-parameter -I"$inc" -I"$geninc" \
	-o "$work/example" "$work/example.c" "$lib"
"$work/example"
