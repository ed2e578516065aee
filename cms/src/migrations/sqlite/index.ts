import * as migration_20261127_172003_initial from './20261127_172003_initial';

export const migrations = [
  {
    up: migration_20261127_172003_initial.up,
    down: migration_20261127_172003_initial.down,
    name: '20261127_172003_initial'
  },
];
