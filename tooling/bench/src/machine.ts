import { cpus, totalmem } from 'node:os';
import type { MachineInfo } from './model.ts';

/** Facts about this machine and run, for the report header. */
export function machineInfo(now: Date = new Date()): MachineInfo {
  const list = cpus();
  return {
    date: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    node: process.version,
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  };
}
