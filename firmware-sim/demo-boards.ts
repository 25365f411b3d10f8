/** The simulated boards the demo runs on (`runDemo({ boards: simBoards })`): served on a pty or TCP, or in process. */
import type { DemoBoards } from '../src/workflows/demo.ts';
import { registerSimLink } from './link.ts';
import { startSim } from './sim.ts';

export const simBoards: DemoBoards = {
  serve: (link) => startSim(link === 'pty' ? { pty: true } : { tcp: 0 }),
  inProcess: () => {
    registerSimLink();
    return 'sim';
  },
};
