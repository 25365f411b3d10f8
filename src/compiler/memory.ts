/** The memory formulas live with the image stage (src/image/memory.ts): the image check uses them too. */
export * from '../image/memory.ts';
