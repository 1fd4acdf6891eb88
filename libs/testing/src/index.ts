export * from './simulator';
export * from './integration';
