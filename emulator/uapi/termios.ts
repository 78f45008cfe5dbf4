// Terminal interface facts (include/uapi/asm-generic/termbits.h, termbits-common.h, ioctls.h):
// struct termios as the x86-64 kernel copies it for TCGETS, every flag bit, the c_cc indices, the
// terminal ioctl numbers and struct winsize.
//
// Careful: the kernel's struct termios (36 bytes, NCCS 19) is not glibc's (60 bytes, NCCS 32, with
// speeds at the end). glibc's tcgetattr asks for the kernel one and converts; a libc written here
// must do the same.

// ---- struct termios / termios2 ------------------------------------------------------------------

/** Control characters in the kernel's struct termios. */
export const NCCS = 19;
/** struct termios (TCGETS/TCSETS): four u32 flag words, c_line, c_cc[19]. */
export const TERMIOS_SIZE = 36;
/** struct termios2 (TCGETS2/TCSETS2): the same plus c_ispeed and c_ospeed. */
export const TERMIOS2_SIZE = 44;
export const TERMIOS = { iflag: 0, oflag: 4, cflag: 8, lflag: 12, line: 16, cc: 17, ispeed: 36, ospeed: 40 } as const;
/** struct termio (TCGETA/TCSETA), the System V one: u16 flags, c_line, c_cc[8]; 18 bytes with padding. */
export const NCC = 8;
export const TERMIO_SIZE = 18;
export const TERMIO = { iflag: 0, oflag: 2, cflag: 4, lflag: 6, line: 8, cc: 9 } as const;

/** struct winsize: rows, columns, and the pixel size nobody fills in. 8 bytes. */
export const WINSIZE_SIZE = 8;
export const WINSIZE = { row: 0, col: 2, xpixel: 4, ypixel: 6 } as const;

// ---- c_cc indices -------------------------------------------------------------------------------

export const VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSWTC = 7;
export const VSTART = 8, VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13;
export const VWERASE = 14, VLNEXT = 15, VEOL2 = 16;

/** A c_cc entry holding this value is switched off (_POSIX_VDISABLE; the kernel's __DISABLED_CHAR). */
export const POSIX_VDISABLE = 0;

// ---- c_iflag ------------------------------------------------------------------------------------

export const IGNBRK = 0o1, BRKINT = 0o2, IGNPAR = 0o4, PARMRK = 0o10, INPCK = 0o20, ISTRIP = 0o40;
export const INLCR = 0o100, IGNCR = 0o200, ICRNL = 0o400, IUCLC = 0o1000, IXON = 0o2000;
export const IXANY = 0o4000, IXOFF = 0o10000, IMAXBEL = 0o20000, IUTF8 = 0o40000;

// ---- c_oflag ------------------------------------------------------------------------------------

export const OPOST = 0o1, OLCUC = 0o2, ONLCR = 0o4, OCRNL = 0o10, ONOCR = 0o20, ONLRET = 0o40;
export const OFILL = 0o100, OFDEL = 0o200;
export const NLDLY = 0o400, NL0 = 0o0, NL1 = 0o400;
export const CRDLY = 0o3000, CR0 = 0o0, CR1 = 0o1000, CR2 = 0o2000, CR3 = 0o3000;
export const TABDLY = 0o14000, TAB0 = 0o0, TAB1 = 0o4000, TAB2 = 0o10000, TAB3 = 0o14000;
/** Expand tabs to spaces on output (the same value as TAB3). */
export const XTABS = 0o14000;
export const BSDLY = 0o20000, BS0 = 0o0, BS1 = 0o20000;
export const VTDLY = 0o40000, VT0 = 0o0, VT1 = 0o40000;
export const FFDLY = 0o100000, FF0 = 0o0, FF1 = 0o100000;

// ---- c_cflag ------------------------------------------------------------------------------------

export const CBAUD = 0o10017;
export const B0 = 0o0, B50 = 0o1, B75 = 0o2, B110 = 0o3, B134 = 0o4, B150 = 0o5, B200 = 0o6, B300 = 0o7;
export const B600 = 0o10, B1200 = 0o11, B1800 = 0o12, B2400 = 0o13, B4800 = 0o14, B9600 = 0o15;
export const B19200 = 0o16, B38400 = 0o17;
export const CSIZE = 0o60, CS5 = 0o0, CS6 = 0o20, CS7 = 0o40, CS8 = 0o60;
export const CSTOPB = 0o100, CREAD = 0o200, PARENB = 0o400, PARODD = 0o1000, HUPCL = 0o2000;
export const CLOCAL = 0o4000;
/** The baud field's high bit: B57600 and up, or BOTHER (a speed in c_ispeed/c_ospeed). */
export const CBAUDEX = 0o10000, BOTHER = 0o10000;
export const B57600 = 0o10001, B115200 = 0o10002, B230400 = 0o10003, B460800 = 0o10004;
export const B500000 = 0o10005, B576000 = 0o10006, B921600 = 0o10007, B1000000 = 0o10010;
export const B1152000 = 0o10011, B1500000 = 0o10012, B2000000 = 0o10013, B2500000 = 0o10014;
export const B3000000 = 0o10015, B3500000 = 0o10016, B4000000 = 0o10017;
/** The input baud rate, when it differs, sits IBSHIFT bits up. */
export const CIBAUD = 0o2003600000, IBSHIFT = 16;
export const ADDRB = 0o4000000000, CMSPAR = 0o10000000000, CRTSCTS = 0o20000000000;

/** The speed each Bxxx code stands for, indexed by (code & 0o17) + (CBAUDEX ? 15 : 0) (BOTHER aside). */
export const BAUD_TABLE: readonly number[] = [
  0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400,
  57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000,
  2500000, 3000000, 3500000, 4000000,
];

// ---- c_lflag ------------------------------------------------------------------------------------

export const ISIG = 0o1, ICANON = 0o2, XCASE = 0o4, ECHO = 0o10, ECHOE = 0o20, ECHOK = 0o40;
export const ECHONL = 0o100, NOFLSH = 0o200, TOSTOP = 0o400, ECHOCTL = 0o1000, ECHOPRT = 0o2000;
export const ECHOKE = 0o4000, FLUSHO = 0o10000, PENDIN = 0o40000, IEXTEN = 0o100000;
export const EXTPROC = 0o200000;

// ---- arguments of tcsetattr, tcflow, tcflush ------------------------------------------------------

export const TCSANOW = 0, TCSADRAIN = 1, TCSAFLUSH = 2;
export const TCOOFF = 0, TCOON = 1, TCIOFF = 2, TCION = 3;
export const TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2;

/** Line disciplines (TIOCSETD/TIOCGETD). Only N_TTY exists here. */
export const N_TTY = 0;

// ---- ioctl numbers (asm-generic/ioctls.h; x86-64 uses the generic ones) --------------------------

export const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
export const TCGETA = 0x5405, TCSETA = 0x5406, TCSETAW = 0x5407, TCSETAF = 0x5408;
export const TCSBRK = 0x5409, TCXONC = 0x540a, TCFLSH = 0x540b;
export const TIOCEXCL = 0x540c, TIOCNXCL = 0x540d, TIOCSCTTY = 0x540e;
export const TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411, TIOCSTI = 0x5412;
export const TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
export const TIOCMGET = 0x5415, TIOCMBIS = 0x5416, TIOCMBIC = 0x5417, TIOCMSET = 0x5418;
export const TIOCGSOFTCAR = 0x5419, TIOCSSOFTCAR = 0x541a;
/** FIONREAD (the generic ioctl, in ioctls.ts) is also TIOCINQ: bytes a read would return now. */
export const TIOCINQ = 0x541b;
export const TIOCLINUX = 0x541c, TIOCCONS = 0x541d, TIOCGSERIAL = 0x541e, TIOCSSERIAL = 0x541f;
export const TIOCPKT = 0x5420, TIOCNOTTY = 0x5422, TIOCSETD = 0x5423, TIOCGETD = 0x5424;
export const TCSBRKP = 0x5425, TIOCSBRK = 0x5427, TIOCCBRK = 0x5428, TIOCGSID = 0x5429;
export const TCGETS2 = 0x802c542a, TCSETS2 = 0x402c542b, TCSETSW2 = 0x402c542c, TCSETSF2 = 0x402c542d;
export const TIOCGRS485 = 0x542e, TIOCSRS485 = 0x542f;
export const TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGDEV = 0x80045432;
export const TIOCSIG = 0x40045436, TIOCVHANGUP = 0x5437, TIOCGPKT = 0x80045438;
export const TIOCGPTLCK = 0x80045439, TIOCGEXCL = 0x80045440, TIOCGPTPEER = 0x5441;
/** Packet mode (TIOCPKT): the status byte a pty master's read starts with (0: data follows). */
export const TIOCPKT_DATA = 0, TIOCPKT_FLUSHREAD = 1, TIOCPKT_FLUSHWRITE = 2, TIOCPKT_STOP = 4, TIOCPKT_START = 8;
export const TIOCPKT_NOSTOP = 16, TIOCPKT_DOSTOP = 32, TIOCPKT_IOCTL = 64;
export const TIOCSERCONFIG = 0x5453, TIOCSERGWILD = 0x5454, TIOCSERSWILD = 0x5455;
export const TIOCGLCKTRMIOS = 0x5456, TIOCSLCKTRMIOS = 0x5457, TIOCSERGSTRUCT = 0x5458;
export const TIOCSERGETLSR = 0x5459, TIOCSERGETMULTI = 0x545a, TIOCSERSETMULTI = 0x545b;
export const TIOCMIWAIT = 0x545c, TIOCGICOUNT = 0x545d;

/** Names of the terminal ioctls, as strace prints the request. */
export const TTY_IOCTL_NAMES: ReadonlyMap<number, string> = new Map([
  [TCGETS, 'TCGETS'], [TCSETS, 'TCSETS'], [TCSETSW, 'TCSETSW'], [TCSETSF, 'TCSETSF'],
  [TCGETA, 'TCGETA'], [TCSETA, 'TCSETA'], [TCSETAW, 'TCSETAW'], [TCSETAF, 'TCSETAF'],
  [TCSBRK, 'TCSBRK'], [TCXONC, 'TCXONC'], [TCFLSH, 'TCFLSH'], [TIOCEXCL, 'TIOCEXCL'],
  [TIOCNXCL, 'TIOCNXCL'], [TIOCSCTTY, 'TIOCSCTTY'], [TIOCGPGRP, 'TIOCGPGRP'], [TIOCSPGRP, 'TIOCSPGRP'],
  [TIOCOUTQ, 'TIOCOUTQ'], [TIOCSTI, 'TIOCSTI'], [TIOCGWINSZ, 'TIOCGWINSZ'], [TIOCSWINSZ, 'TIOCSWINSZ'],
  [TIOCMGET, 'TIOCMGET'], [TIOCMBIS, 'TIOCMBIS'], [TIOCMBIC, 'TIOCMBIC'], [TIOCMSET, 'TIOCMSET'],
  [TIOCGSOFTCAR, 'TIOCGSOFTCAR'], [TIOCSSOFTCAR, 'TIOCSSOFTCAR'], [TIOCINQ, 'FIONREAD'],
  [TIOCLINUX, 'TIOCLINUX'], [TIOCCONS, 'TIOCCONS'], [TIOCGSERIAL, 'TIOCGSERIAL'],
  [TIOCSSERIAL, 'TIOCSSERIAL'], [TIOCPKT, 'TIOCPKT'], [TIOCNOTTY, 'TIOCNOTTY'], [TIOCSETD, 'TIOCSETD'],
  [TIOCGETD, 'TIOCGETD'], [TCSBRKP, 'TCSBRKP'], [TIOCSBRK, 'TIOCSBRK'], [TIOCCBRK, 'TIOCCBRK'],
  [TIOCGSID, 'TIOCGSID'], [TCGETS2, 'TCGETS2'], [TCSETS2, 'TCSETS2'], [TCSETSW2, 'TCSETSW2'],
  [TCSETSF2, 'TCSETSF2'], [TIOCGRS485, 'TIOCGRS485'], [TIOCSRS485, 'TIOCSRS485'], [TIOCGPTN, 'TIOCGPTN'],
  [TIOCSPTLCK, 'TIOCSPTLCK'], [TIOCGDEV, 'TIOCGDEV'], [TIOCSIG, 'TIOCSIG'], [TIOCVHANGUP, 'TIOCVHANGUP'],
  [TIOCGPKT, 'TIOCGPKT'], [TIOCGPTLCK, 'TIOCGPTLCK'], [TIOCGEXCL, 'TIOCGEXCL'], [TIOCGPTPEER, 'TIOCGPTPEER'],
  [TIOCGLCKTRMIOS, 'TIOCGLCKTRMIOS'], [TIOCSLCKTRMIOS, 'TIOCSLCKTRMIOS'], [TIOCSERGETLSR, 'TIOCSERGETLSR'],
  [TIOCMIWAIT, 'TIOCMIWAIT'], [TIOCGICOUNT, 'TIOCGICOUNT'],
]);

// ---- flag names, in the order strace prints them ---------------------------------------------------

export const IFLAG_NAMES: readonly (readonly [number, string])[] = [
  [IGNBRK, 'IGNBRK'], [BRKINT, 'BRKINT'], [IGNPAR, 'IGNPAR'], [PARMRK, 'PARMRK'], [INPCK, 'INPCK'],
  [ISTRIP, 'ISTRIP'], [INLCR, 'INLCR'], [IGNCR, 'IGNCR'], [ICRNL, 'ICRNL'], [IUCLC, 'IUCLC'],
  [IXON, 'IXON'], [IXANY, 'IXANY'], [IXOFF, 'IXOFF'], [IMAXBEL, 'IMAXBEL'], [IUTF8, 'IUTF8'],
];
export const OFLAG_NAMES: readonly (readonly [number, string])[] = [
  [OPOST, 'OPOST'], [OLCUC, 'OLCUC'], [ONLCR, 'ONLCR'], [OCRNL, 'OCRNL'], [ONOCR, 'ONOCR'],
  [ONLRET, 'ONLRET'], [OFILL, 'OFILL'], [OFDEL, 'OFDEL'],
];
export const LFLAG_NAMES: readonly (readonly [number, string])[] = [
  [ISIG, 'ISIG'], [ICANON, 'ICANON'], [XCASE, 'XCASE'], [ECHO, 'ECHO'], [ECHOE, 'ECHOE'],
  [ECHOK, 'ECHOK'], [ECHONL, 'ECHONL'], [NOFLSH, 'NOFLSH'], [TOSTOP, 'TOSTOP'], [ECHOCTL, 'ECHOCTL'],
  [ECHOPRT, 'ECHOPRT'], [ECHOKE, 'ECHOKE'], [FLUSHO, 'FLUSHO'], [PENDIN, 'PENDIN'], [IEXTEN, 'IEXTEN'],
  [EXTPROC, 'EXTPROC'],
];

// ---- the defaults a new terminal starts with (drivers/tty/tty_io.c tty_std_termios) -------------

/**
 * INIT_C_CC: ^C ^\ ^? ^U ^D, time 0, min 1, swtch off, ^Q ^S ^Z, eol off, ^R ^O ^W ^V, eol2 off —
 * what `stty -a` shows on a fresh terminal.
 */
export const INIT_C_CC: readonly number[] = [
  0x03, 0x1c, 0x7f, 0x15, 0x04, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0,
];

/** tty_std_termios: icrnl ixon / opost onlcr / B38400 cs8 cread hupcl / isig icanon echo echoe echok echoctl echoke iexten. */
export const TTY_STD_IFLAG = ICRNL | IXON;
export const TTY_STD_OFLAG = OPOST | ONLCR;
export const TTY_STD_CFLAG = B38400 | CS8 | CREAD | HUPCL;
export const TTY_STD_LFLAG = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
export const TTY_STD_SPEED = 38400;
