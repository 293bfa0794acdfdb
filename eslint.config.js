// Lint: TypeScript's recommended rules, the import direction of docs/architecture.md, and the
// determinism rule: no wall clock, no timers and no Math.random inside the simulation.
import tseslint from 'typescript-eslint';
import { importDirection } from './tools/eslint/layers.js';

const SIMULATION = ['src/net/**', 'src/ipvs/**', 'src/keepalived/**', 'src/scenarios/**', 'src/trace/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'out/**', '.labcli/**', 'test/docs/.snippets/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { lvslab: { rules: { 'import-direction': importDirection } } },
    rules: {
      'lvslab/import-direction': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: SIMULATION,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness comes from the seeded generator (sim.randomInt).' },
        { object: 'Date', property: 'now', message: 'Time is virtual (sim.now).' },
        { object: 'performance', property: 'now', message: 'Time is virtual (sim.now).' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Timers come from the simulator (sim.after).' },
        { name: 'setInterval', message: 'Timers come from the simulator (sim.after).' },
        { name: 'setImmediate', message: 'Timers come from the simulator (sim.after).' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'Time is virtual (sim.now).' }],
    },
  },
);
