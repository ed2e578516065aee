export * from './locales';
export * from './vocabulary';
export * from './departements';
export * from './transforms/slug';
export * from './transforms/shortId';
export * from './schemas';
