// strace -h: the options this strace has, in the layout of strace 6.1's help.

export const USAGE = `Usage: strace [-ACfhnqrtTvVwxyzZ] [-I N] [-e EXPR]... [-a COLUMN] [-o FILE]
              [-s STRSIZE] [-S SORTBY] [-p PID]... { -p PID | [-E VAR=VAL]... PROG [ARGS] }
   or: strace -c[fwzZ] [-I N] [-e EXPR]... [-S SORTBY] [-p PID]...
              { -p PID | [-E VAR=VAL]... PROG [ARGS] }

General:
  -e EXPR        a qualifying expression: OPTION=[!]all or OPTION=[!]VAL1[,VAL2]...
     options:    trace, abbrev, verbose, signal, read, write, status, quiet,
                 decode-fds

Startup:
  -E VAR=VAL, --env=VAR=VAL
                 put VAR=VAL in the environment for command
  -E VAR, --env=VAR
                 remove VAR from the environment for command
  -p PID, --attach=PID
                 trace process with process id PID, may be repeated

Tracing:
  -I INTERRUPTIBLE, --interruptible=INTERRUPTIBLE
                 accepted for compatibility; strace is always interruptible

Filtering:
  -e trace=[!]{[?]SYSCALL[@64]|[?]/REGEX|GROUP|all|none},
   --trace=[!]{[?]SYSCALL|[?]/REGEX|GROUP|all|none}
                 trace only specified syscalls.
     groups:     %clock, %creds, %desc, %file, %fstat, %fstatfs %ipc, %lstat,
                 %memory, %net, %process, %pure, %signal, %stat, %%stat,
                 %statfs, %%statfs
  -e signal=SET, --signal=SET
                 trace only the specified set of signals
                 print only the signals from SET
  -e status=SET, --status=SET
                 print only system calls with the return statuses in SET
     statuses:   successful, failed, unfinished, unavailable, detached
  -z, --successful-only
                 print only system calls that returned without an error code
  -Z, --failed-only
                 print only system calls that returned with an error code

Output format:
  -a COLUMN, --columns=COLUMN
                 alignment COLUMN for printing syscall results (default 40)
  -e decode-fds=SET, --decode-fds=SET
                 what kinds of file descriptor information details to decode
     details:    path, socket, dev, all
  -e read=SET    dump the data read from the file descriptors in SET
  -e write=SET   dump the data written to the file descriptors in SET
  -e verbose=SET
                 dereference structures for the specified set of syscalls
  -i, --instruction-pointer
                 print instruction pointer at time of syscall
  -n, --syscall-number
                 print syscall number
  -o FILE, --output=FILE
                 send trace output to FILE instead of stderr
  -A, --append-output
                 open the file provided in the -o option in append mode
  -q, --quiet=attach
                 suppress messages about attaching and detaching
  -qq, --quiet=attach,exit
                 suppress messages about process exit status as well
  -r, --relative-timestamps
                 print relative timestamp
  -s STRSIZE, --string-limit=STRSIZE
                 limit length of print strings to STRSIZE chars (default 32)
  -t, --absolute-timestamps
                 print absolute timestamp
  -tt, --absolute-timestamps=precision:us
                 print absolute timestamp with usecs
  -ttt, --absolute-timestamps=format:unix,precision:us
                 print absolute UNIX time with usecs
  -T, --syscall-times
                 print time spent in each syscall
  -v, --no-abbrev
                 print unabbreviated argv, stat, termios, etc. args
  -x, --strings-in-hex=non-ascii
                 print non-ascii strings in hex
  -xx, --strings-in-hex=all
                 print all strings in hex
  -y, --decode-fds=path
                 print paths associated with file descriptor arguments
  -yy, --decode-fds=all
                 print all available information associated with file
                 descriptor arguments

Statistics:
  -c, --summary-only
                 count time, calls, and errors for each syscall and report
                 summary
  -C, --summary  like -c, but also print the regular output
  -S SORTBY, --summary-sort-by=SORTBY
                 sort syscall counts by: time, calls, errors, name, nothing
                 (default time)
  -w, --summary-wall-clock
                 summarise syscall latency (default is system time)

Tracing of processes:
  -f, --follow-forks
                 follow forks
  -ff, --follow-forks --output-separately
                 follow forks with output into separate files

Miscellaneous:
  -h, --help     print help message
  -V, --version  print version
  --seccomp-bpf  not available on this machine (no seccomp filters); ignored
`;
