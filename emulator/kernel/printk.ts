// The kernel log lives in printk/ as in Linux (kernel/printk/); this file keeps the old import path.

export { LogBuffer, printk, vprintk_emit, dev_printk, print_time, type PrintkRecord as LogRecord } from './printk/printk';
