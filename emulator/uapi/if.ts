// Network interfaces (include/uapi/linux/if.h, if_arp.h, if_addr.h, rtnetlink.h's scopes): the
// interface flags `ip link` prints in <…>, the hardware types of /sys/class/net/X/type, and the
// address flags and scopes `ip addr` prints.

/** Longest interface name, with its NUL. */
export const IFNAMSIZ = 16;

/** net_device_flags (the low 16 bits are what SIOCGIFFLAGS reports). */
export const IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_DEBUG = 0x4, IFF_LOOPBACK = 0x8, IFF_POINTOPOINT = 0x10;
export const IFF_NOTRAILERS = 0x20, IFF_RUNNING = 0x40, IFF_NOARP = 0x80, IFF_PROMISC = 0x100, IFF_ALLMULTI = 0x200;
export const IFF_MASTER = 0x400, IFF_SLAVE = 0x800, IFF_MULTICAST = 0x1000, IFF_PORTSEL = 0x2000;
export const IFF_AUTOMEDIA = 0x4000, IFF_DYNAMIC = 0x8000, IFF_LOWER_UP = 0x10000, IFF_DORMANT = 0x20000, IFF_ECHO = 0x40000;

/** ARP hardware types (dev->type). */
export const ARPHRD_ETHER = 1, ARPHRD_LOOPBACK = 772, ARPHRD_NETLINK = 824, ARPHRD_NONE = 0xfffe;

/** RFC 2863 operational states (IF_OPER_*), as /sys/class/net/X/operstate and IFLA_OPERSTATE. */
export const IF_OPER_UNKNOWN = 0, IF_OPER_NOTPRESENT = 1, IF_OPER_DOWN = 2, IF_OPER_LOWERLAYERDOWN = 3;
export const IF_OPER_TESTING = 4, IF_OPER_DORMANT = 5, IF_OPER_UP = 6;

/** Address scopes (rtnetlink.h's rt_scope_t): `scope host` for 127.0.0.1, `scope global` for the rest. */
export const RT_SCOPE_UNIVERSE = 0, RT_SCOPE_SITE = 200, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254, RT_SCOPE_NOWHERE = 255;

/** Interface address flags (if_addr.h IFA_F_*). */
export const IFA_F_SECONDARY = 0x01, IFA_F_NODAD = 0x02, IFA_F_OPTIMISTIC = 0x04, IFA_F_DADFAILED = 0x08;
export const IFA_F_HOMEADDRESS = 0x10, IFA_F_DEPRECATED = 0x20, IFA_F_TENTATIVE = 0x40, IFA_F_PERMANENT = 0x80;
export const IFA_F_NOPREFIXROUTE = 0x200;
