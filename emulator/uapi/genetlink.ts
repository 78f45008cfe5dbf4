// Generic Netlink (include/uapi/linux/genetlink.h): families multiplexed over NETLINK_GENERIC,
// each with an id the controller ("nlctrl", id 0x10) hands out; every message's payload starts
// with struct genlmsghdr { u8 cmd; u8 version; u16 reserved; }.

export const GENL_NAMSIZ = 16;
export const GENL_MIN_ID = 0x10, GENL_ID_CTRL = 0x10, GENL_MAX_ID = 1023;
export const GENL_HDRLEN = 4;

/** Flags of an operation, as the controller reports them in CTRL_ATTR_OP_FLAGS. */
export const GENL_ADMIN_PERM = 0x01, GENL_CMD_CAP_DO = 0x02, GENL_CMD_CAP_DUMP = 0x04, GENL_CMD_CAP_HASPOL = 0x08;
export const GENL_UNS_ADMIN_PERM = 0x10;

/** The controller's commands. */
export const CTRL_CMD_UNSPEC = 0, CTRL_CMD_NEWFAMILY = 1, CTRL_CMD_DELFAMILY = 2, CTRL_CMD_GETFAMILY = 3;
export const CTRL_CMD_NEWOPS = 4, CTRL_CMD_DELOPS = 5, CTRL_CMD_GETOPS = 6, CTRL_CMD_NEWMCAST_GRP = 7;
export const CTRL_CMD_DELMCAST_GRP = 8, CTRL_CMD_GETMCAST_GRP = 9, CTRL_CMD_GETPOLICY = 10;

/** The controller's attributes. */
export const CTRL_ATTR_UNSPEC = 0, CTRL_ATTR_FAMILY_ID = 1, CTRL_ATTR_FAMILY_NAME = 2, CTRL_ATTR_VERSION = 3;
export const CTRL_ATTR_HDRSIZE = 4, CTRL_ATTR_MAXATTR = 5, CTRL_ATTR_OPS = 6, CTRL_ATTR_MCAST_GROUPS = 7;
export const CTRL_ATTR_POLICY = 8, CTRL_ATTR_OP_POLICY = 9, CTRL_ATTR_OP = 10;
export const CTRL_ATTR_OP_UNSPEC = 0, CTRL_ATTR_OP_ID = 1, CTRL_ATTR_OP_FLAGS = 2;
export const CTRL_ATTR_MCAST_GRP_UNSPEC = 0, CTRL_ATTR_MCAST_GRP_NAME = 1, CTRL_ATTR_MCAST_GRP_ID = 2;

/**
 * The demo family of this machine ("ringside_demo"): ECHO answers with the same text and counts
 * the request; GET_STATS reports the counters; the "events" group hears each ECHO and each process
 * exit the kernel sees (RINGSIDE_DEMO_CMD_EVENT with the pid and the exit status).
 */
export const RINGSIDE_DEMO_GENL_NAME = 'ringside_demo', RINGSIDE_DEMO_GENL_VERSION = 1;
export const RINGSIDE_DEMO_CMD_ECHO = 1, RINGSIDE_DEMO_CMD_GET_STATS = 2, RINGSIDE_DEMO_CMD_EVENT = 3;
export const RINGSIDE_DEMO_ATTR_MSG = 1, RINGSIDE_DEMO_ATTR_COUNT = 2, RINGSIDE_DEMO_ATTR_PID = 3, RINGSIDE_DEMO_ATTR_STATUS = 4;
export const RINGSIDE_DEMO_ATTR_MAX = 4;
export const RINGSIDE_DEMO_MCGRP_EVENTS = 'events';
