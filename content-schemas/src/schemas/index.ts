export * from './common';
export * from './localized';
export * from './RichTextSchema';
export * from './FicheSchema';
export * from './ThemeSchema';
export * from './NeedSchema';
export * from './StructureSchema';
export * from './MediaSchema';
