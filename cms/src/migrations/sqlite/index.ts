import * as migration_20261127_190151_initial from './20261127_190151_initial';

export const migrations = [
  {
    up: migration_20261127_190151_initial.up,
    down: migration_20261127_190151_initial.down,
    name: '20261127_190151_initial'
  },
];
