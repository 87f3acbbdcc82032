export * from './regions';
export * from './teams';
export * from './staff';
export * from './cases';
export * from './staff-ops';
export * from './chat';
