/** Moved to extension/search/index.ts (it reads no database); this re-export goes once LibraryTab's split has merged. */
export * from '../search/index';
