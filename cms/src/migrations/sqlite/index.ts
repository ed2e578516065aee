import * as migration_20261127_201025_initial from './20261127_201025_initial';
import * as migration_20261127_231907_translated_change_note from './20261127_231907_translated_change_note';
import * as migration_20261202_101302_second_factor from './20261202_101302_second_factor';
import * as migration_20261202_102415_scale_indexes from './20261202_102415_scale_indexes';
import * as migration_20261202_113009_fiche_type_optional from './20261202_113009_fiche_type_optional';
import * as migration_20261202_143735_session_features from './20261202_143735_session_features';
import * as migration_20261202_161840_translation_state_filter from './20261202_161840_translation_state_filter';
import * as migration_20261202_172818_translator_tools from './20261202_172818_translator_tools';

export const migrations = [
  {
    up: migration_20261127_201025_initial.up,
    down: migration_20261127_201025_initial.down,
    name: '20261127_201025_initial',
  },
  {
    up: migration_20261127_231907_translated_change_note.up,
    down: migration_20261127_231907_translated_change_note.down,
    name: '20261127_231907_translated_change_note',
  },
  {
    up: migration_20261202_101302_second_factor.up,
    down: migration_20261202_101302_second_factor.down,
    name: '20261202_101302_second_factor',
  },
  {
    up: migration_20261202_102415_scale_indexes.up,
    down: migration_20261202_102415_scale_indexes.down,
    name: '20261202_102415_scale_indexes',
  },
  {
    up: migration_20261202_113009_fiche_type_optional.up,
    down: migration_20261202_113009_fiche_type_optional.down,
    name: '20261202_113009_fiche_type_optional',
  },
  {
    up: migration_20261202_143735_session_features.up,
    down: migration_20261202_143735_session_features.down,
    name: '20261202_143735_session_features',
  },
  {
    up: migration_20261202_161840_translation_state_filter.up,
    down: migration_20261202_161840_translation_state_filter.down,
    name: '20261202_161840_translation_state_filter',
  },
  {
    up: migration_20261202_172818_translator_tools.up,
    down: migration_20261202_172818_translator_tools.down,
    name: '20261202_172818_translator_tools'
  },
];
