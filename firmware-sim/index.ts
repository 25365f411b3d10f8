/** The simulated dev board: the device side of the wire protocol with the emulator as its chip. */
export type { BoardCounters, BoardOptions } from './board.ts';
export { Board } from './board.ts';
export { simBoards } from './demo-boards.ts';
export { openSimLink, parseSimUri, registerSimLink, SIM_LISTING, simBoard } from './link.ts';
export type { SimFaults, SimOptions, SimServer } from './sim.ts';
export { parseSimFaults, startSim } from './sim.ts';
