export * from './regions';
export * from './teams';
export * from './staff';
export * from './cases';
