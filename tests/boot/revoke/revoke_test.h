/*
 * Boot test "revoke": the slots and roles the root task and its components
 * agree on.
 */
#ifndef REVOKE_TEST_H
#define REVOKE_TEST_H

#define RV_SLOT_OBJ 2              /* clients: the object they block on */
#define RV_SLOT_EP 2               /* server: the service endpoint (R), made from the root's untyped */
#define RV_SLOT_REPLY 3            /* server: its reply object, made from the server's untyped */
#define RV_SLOT_NTFN 4             /* server: a notification made from its untyped */
#define RV_SHARED_VA 0x1e0000000ul /* server: a page the root shares into it */

enum rv_role { RV_SENDER, RV_CALLER, RV_WAITER };

#endif
