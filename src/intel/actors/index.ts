/**
 * Actor profiles: what the attribution engine compares evidence against. Read from YAML/JSON files
 * (`--actors FILE`), from STIX 2.1 intrusion-sets with veritrace's property extension, and merged with the
 * partial profiles that the ATT&CK knowledge base (`../attack`) derives from its groups.
 */
export * from './profile.js';
export * from './errors.js';
export { validateProfile } from './validate.js';
export type { Locator } from './validate.js';
export { parseActorProfiles, loadActorProfiles } from './load.js';
export {
  ACTOR_EXTENSION_ID, VERITRACE_IDENTITY_ID, actorExtensionDefinition, profileToIntrusionSet, profilesFromStix,
  profilesToStixBundle, uuidv5,
} from './stix.js';
