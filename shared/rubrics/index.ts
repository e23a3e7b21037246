/**
 * Rubrics: the built-in presets (./presets.ts) and mapping evidence between
 * rubrics (./mapping.ts). Importing a company ladder from JSON or CSV lives in
 * ./ladder-import.ts, imported on its own so that its parsers load only where
 * a ladder is imported (the panel loads it lazily). See docs/DESIGN.md
 * "Rubrics".
 */
export { allRubrics, DEFAULT_IDS, findRubric, PRESET_IDS, PRESET_RUBRICS } from './presets';
export { mapCompetencies } from './mapping';
