/*
 * SharedRing between two processes: one POSIX shared-memory object
 * (shm_open + mmap) holds the ring; a producer process and a consumer
 * process, each with its own private side struct, move sequence-numbered
 * items through it and wake each other with futexes on the ring's "wake me"
 * flags (shared, not private, futexes: they work across processes). The
 * ring is small so that both sides really sleep and get woken.
 *
 *   ring_shm run [items]          create the ring, exec both sides, check
 *   ring_shm producer NAME items  (started by run)
 *   ring_shm consumer NAME items  (started by run)
 */
#define _GNU_SOURCE
#include <ipc/ring.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CAPACITY 16
#define BURST 8

struct item {
	uint64_t seq;
	uint64_t payload[3]; /* derived from seq, checked by the consumer */
};

struct side_stats {
	unsigned long sleeps, wakes;
};

/* The waker: FUTEX_WAIT only if the flag still says "wake me" (the ring's
 * announce-fence-recheck protocol makes a missed wake-up impossible); a
 * timeout turns a bug into an error instead of a hang. */
static int futex_wait_cb(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	struct side_stats *s = ctx;
	struct timespec ts = {10, 0};
	s->sleeps++;
	if (syscall(SYS_futex, (uint32_t *)flag, FUTEX_WAIT, expected, &ts, NULL, 0) == -1 &&
	    errno == ETIMEDOUT)
		return -ETIMEDOUT;
	return 0;
}

static void futex_wake_cb(void *ctx, _Atomic uint32_t *flag)
{
	struct side_stats *s = ctx;
	s->wakes++;
	syscall(SYS_futex, (uint32_t *)flag, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void *map_ring(const char *name, size_t *size)
{
	int fd = shm_open(name, O_RDWR, 0);
	if (fd < 0) {
		perror("shm_open");
		exit(1);
	}
	*size = ipc_ring_region_size(sizeof(struct item), CAPACITY);
	void *mem = mmap(NULL, *size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (mem == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return mem;
}

static int producer(const char *name, uint64_t items)
{
	size_t size;
	void *mem = map_ring(name, &size);
	struct side_stats st = {0};
	struct ipc_ring_waker w = {futex_wait_cb, futex_wake_cb, &st};
	struct ipc_ring_prod p; /* private state, in this process only */
	int err = ipc_ring_prod_attach(&p, mem, size, &w);
	if (err != IPC_RING_OK) {
		fprintf(stderr, "producer: attach: %s\n", ipc_ring_strerror(err));
		return 1;
	}
	for (uint64_t seq = 0; seq < items;) {
		int space = ipc_ring_prod_wait(&p); /* sleeps while the ring is full */
		if (space < 0) {
			fprintf(stderr, "producer: %s\n",
			        space == -ETIMEDOUT ? "timed out" : ipc_ring_strerror(space));
			return 1;
		}
		void *slots;
		int n = ipc_ring_reserve(&p, BURST, &slots); /* zero-copy: build items in place */
		if (n < 0)
			return 1;
		struct item *it = slots;
		for (int k = 0; k < n && seq + (uint64_t)k < items; k++)
			it[k] = (struct item){seq + (uint64_t)k, {~(seq + k), (seq + k) * 3, 42}};
		uint32_t fill = (uint32_t)(items - seq < (uint64_t)n ? items - seq : (uint64_t)n);
		if (ipc_ring_commit(&p, fill) != IPC_RING_OK)
			return 1;
		seq += fill;
		ipc_ring_prod_signal(&p); /* wakes the consumer only if it sleeps */
	}
	printf("producer: %" PRIu64 " items, slept %lu times, woke the consumer %lu times\n", items,
	       st.sleeps, st.wakes);
	return 0;
}

static int consumer(const char *name, uint64_t items)
{
	size_t size;
	void *mem = map_ring(name, &size);
	struct side_stats st = {0};
	struct ipc_ring_waker w = {futex_wait_cb, futex_wake_cb, &st};
	struct ipc_ring_cons c;
	int err = ipc_ring_cons_attach(&c, mem, size, &w);
	if (err != IPC_RING_OK) {
		fprintf(stderr, "consumer: attach: %s\n", ipc_ring_strerror(err));
		return 1;
	}
	uint64_t expect = 0;
	while (expect < items) {
		int avail = ipc_ring_cons_wait(&c); /* sleeps while the ring is empty */
		if (avail < 0) {
			fprintf(stderr, "consumer: %s\n",
			        avail == -ETIMEDOUT ? "timed out" : ipc_ring_strerror(avail));
			return 1;
		}
		struct item buf[BURST];
		int n = ipc_ring_pop_burst(&c, buf, BURST);
		for (int k = 0; k < n; k++, expect++) {
			if (buf[k].seq != expect || buf[k].payload[0] != ~expect ||
			    buf[k].payload[1] != expect * 3 || buf[k].payload[2] != 42) {
				fprintf(stderr, "consumer: bad item %" PRIu64 " (expected %" PRIu64 ")\n",
				        buf[k].seq, expect);
				return 1;
			}
		}
		ipc_ring_cons_signal(&c); /* wakes the producer only if it sleeps */
	}
	printf("consumer: %" PRIu64 " items in order, slept %lu times, woke the producer %lu times\n", items,
	       st.sleeps, st.wakes);
	return 0;
}

static pid_t spawn(const char *self, const char *role, const char *name, const char *items)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl(self, self, role, name, items, (char *)NULL);
		perror("execl");
		_exit(127);
	}
	return pid;
}

static int run(const char *self, const char *items)
{
	char name[64];
	snprintf(name, sizeof name, "/ipc-ring-example-%ld", (long)getpid());
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		perror("shm_open");
		return 1;
	}
	size_t size = ipc_ring_region_size(sizeof(struct item), CAPACITY);
	if (ftruncate(fd, (off_t)size) != 0) {
		perror("ftruncate");
		return 1;
	}
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	int err =
	    mem == MAP_FAILED ? IPC_RING_E_INVAL : ipc_ring_create(mem, size, sizeof(struct item), CAPACITY);
	if (err != IPC_RING_OK) {
		fprintf(stderr, "create: %s\n", ipc_ring_strerror(err));
		shm_unlink(name);
		return 1;
	}
	munmap(mem, size);
	pid_t pc = spawn(self, "consumer", name, items);
	pid_t pp = spawn(self, "producer", name, items);
	int sc = 0, sp = 0;
	waitpid(pp, &sp, 0);
	waitpid(pc, &sc, 0);
	shm_unlink(name);
	int ok = WIFEXITED(sp) && WEXITSTATUS(sp) == 0 && WIFEXITED(sc) && WEXITSTATUS(sc) == 0;
	printf("%s\n", ok ? "PASS: two processes, one ring" : "FAIL");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return run("/proc/self/exe", argc > 2 ? argv[2] : "1000000");
	if (argc == 4 && strcmp(argv[1], "producer") == 0)
		return producer(argv[2], strtoull(argv[3], NULL, 0));
	if (argc == 4 && strcmp(argv[1], "consumer") == 0)
		return consumer(argv[2], strtoull(argv[3], NULL, 0));
	fprintf(stderr, "usage: %s run [items] | producer NAME ITEMS | consumer NAME ITEMS\n", argv[0]);
	return 2;
}
