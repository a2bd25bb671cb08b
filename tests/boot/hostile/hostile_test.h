/* Values shared by the "hostile" boot test's programs (slots: hostile.sys). */
#ifndef HOSTILE_TEST_H
#define HOSTILE_TEST_H

#define WILD_SYSCALL 0x7777ul

#endif
