/**
 * STIX 2.1 objects as veritrace reads and writes them: plain interfaces after the OASIS specification, with the
 * properties veritrace uses spelled out and `[key: string]: unknown` left off, so a misspelt property is a type
 * error. Custom properties go in `x_*` keys through `CustomProperties`.
 */

export type Identifier<T extends string = string> = `${T}--${string}`;
/** RFC 3339 UTC timestamp text (`2026-01-02T03:04:05.000Z`). */
export type Timestamp = string;

export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Hashes;
  external_id?: string;
}

export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

export interface GranularMarking {
  lang?: string;
  marking_ref?: Identifier<'marking-definition'>;
  selectors: string[];
}

/** Keys are the spec's names (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`, `SHA3-256`, `SSDEEP`, `TLSH`) or custom ones. */
export type Hashes = Record<string, string>;

export type CustomProperties = { [K in `x_${string}`]?: unknown };

/** Properties common to SDOs and SROs. */
export interface CommonProperties extends CustomProperties {
  spec_version: '2.1';
  id: Identifier;
  created_by_ref?: Identifier<'identity'>;
  created: Timestamp;
  modified: Timestamp;
  revoked?: boolean;
  labels?: string[];
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
  extensions?: Record<string, Record<string, unknown>>;
}

export interface AttackPattern extends CommonProperties { type: 'attack-pattern'; name: string; description?: string; aliases?: string[]; kill_chain_phases?: KillChainPhase[] }
export interface Campaign extends CommonProperties { type: 'campaign'; name: string; description?: string; aliases?: string[]; first_seen?: Timestamp; last_seen?: Timestamp; objective?: string }
export interface CourseOfAction extends CommonProperties { type: 'course-of-action'; name: string; description?: string }
export interface Grouping extends CommonProperties { type: 'grouping'; name?: string; description?: string; context: string; object_refs: Identifier[] }
export interface Identity extends CommonProperties {
  type: 'identity'; name: string; description?: string; roles?: string[]; identity_class?: string; sectors?: string[]; contact_information?: string;
}
export interface Indicator extends CommonProperties {
  type: 'indicator'; name?: string; description?: string; indicator_types?: string[];
  pattern: string; pattern_type: string; pattern_version?: string;
  valid_from: Timestamp; valid_until?: Timestamp; kill_chain_phases?: KillChainPhase[];
}
export interface Infrastructure extends CommonProperties {
  type: 'infrastructure'; name: string; description?: string; infrastructure_types?: string[]; aliases?: string[];
  kill_chain_phases?: KillChainPhase[]; first_seen?: Timestamp; last_seen?: Timestamp;
}
export interface IntrusionSet extends CommonProperties {
  type: 'intrusion-set'; name: string; description?: string; aliases?: string[]; first_seen?: Timestamp; last_seen?: Timestamp;
  goals?: string[]; resource_level?: string; primary_motivation?: string; secondary_motivations?: string[];
}
export interface Malware extends CommonProperties {
  type: 'malware'; name?: string; description?: string; malware_types?: string[]; is_family: boolean; aliases?: string[];
  kill_chain_phases?: KillChainPhase[]; first_seen?: Timestamp; last_seen?: Timestamp; operating_system_refs?: Identifier<'software'>[];
  architecture_execution_envs?: string[]; implementation_languages?: string[]; capabilities?: string[]; sample_refs?: Identifier[];
}
export interface Note extends CommonProperties { type: 'note'; abstract?: string; content: string; authors?: string[]; object_refs: Identifier[] }
export interface ObservedData extends CommonProperties {
  type: 'observed-data'; first_observed: Timestamp; last_observed: Timestamp; number_observed: number; object_refs: Identifier[];
}
export interface Opinion extends CommonProperties { type: 'opinion'; explanation?: string; authors?: string[]; opinion: string; object_refs: Identifier[] }
export interface Report extends CommonProperties {
  type: 'report'; name: string; description?: string; report_types?: string[]; published: Timestamp; object_refs: Identifier[];
}
export interface ThreatActor extends CommonProperties {
  type: 'threat-actor'; name: string; description?: string; threat_actor_types?: string[]; aliases?: string[];
  first_seen?: Timestamp; last_seen?: Timestamp; roles?: string[]; goals?: string[]; sophistication?: string;
  resource_level?: string; primary_motivation?: string; secondary_motivations?: string[]; personal_motivations?: string[];
}
export interface Tool extends CommonProperties {
  type: 'tool'; name: string; description?: string; tool_types?: string[]; aliases?: string[]; kill_chain_phases?: KillChainPhase[]; tool_version?: string;
}
export interface Vulnerability extends CommonProperties { type: 'vulnerability'; name: string; description?: string }

export interface Relationship extends CommonProperties {
  type: 'relationship'; relationship_type: string; description?: string; source_ref: Identifier; target_ref: Identifier;
  start_time?: Timestamp; stop_time?: Timestamp;
}
export interface Sighting extends CommonProperties {
  type: 'sighting'; description?: string; first_seen?: Timestamp; last_seen?: Timestamp; count?: number;
  sighting_of_ref: Identifier; observed_data_refs?: Identifier<'observed-data'>[]; where_sighted_refs?: Identifier[]; summary?: boolean;
}

export interface ExtensionDefinition extends Omit<CommonProperties, 'extensions'> {
  type: 'extension-definition'; name: string; description?: string; schema: string; version: string;
  extension_types: ('new-sdo' | 'new-sco' | 'new-sro' | 'property-extension' | 'toplevel-property-extension')[];
  extension_properties?: string[];
  created_by_ref: Identifier<'identity'>;
}

export interface MarkingDefinition {
  type: 'marking-definition'; spec_version: '2.1'; id: Identifier<'marking-definition'>; created: Timestamp; name?: string;
  definition_type?: string; definition?: Record<string, string>; created_by_ref?: Identifier<'identity'>;
  extensions?: Record<string, Record<string, unknown>>;
}

/** Properties common to SCOs. */
export interface ScoCommon extends CustomProperties {
  spec_version?: '2.1';
  id: Identifier;
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
  defanged?: boolean;
  extensions?: Record<string, Record<string, unknown>>;
}

export interface Ipv4Addr extends ScoCommon { type: 'ipv4-addr'; value: string; resolves_to_refs?: Identifier[]; belongs_to_refs?: Identifier[] }
export interface Ipv6Addr extends ScoCommon { type: 'ipv6-addr'; value: string; resolves_to_refs?: Identifier[]; belongs_to_refs?: Identifier[] }
export interface DomainName extends ScoCommon { type: 'domain-name'; value: string; resolves_to_refs?: Identifier[] }
export interface Url extends ScoCommon { type: 'url'; value: string }
export interface EmailAddr extends ScoCommon { type: 'email-addr'; value: string; display_name?: string }
export interface MacAddr extends ScoCommon { type: 'mac-addr'; value: string }
export interface Mutex extends ScoCommon { type: 'mutex'; name: string }
export interface AutonomousSystem extends ScoCommon { type: 'autonomous-system'; number: number; name?: string; rir?: string }
export interface Directory extends ScoCommon { type: 'directory'; path: string }
export interface File extends ScoCommon {
  type: 'file'; hashes?: Hashes; size?: number; name?: string; name_enc?: string; magic_number_hex?: string; mime_type?: string;
  ctime?: Timestamp; mtime?: Timestamp; atime?: Timestamp; parent_directory_ref?: Identifier<'directory'>; contains_refs?: Identifier[];
  content_ref?: Identifier<'artifact'>;
}
export interface Artifact extends ScoCommon { type: 'artifact'; mime_type?: string; payload_bin?: string; url?: string; hashes?: Hashes }
export interface NetworkTraffic extends ScoCommon {
  type: 'network-traffic'; start?: Timestamp; end?: Timestamp; is_active?: boolean;
  src_ref?: Identifier; dst_ref?: Identifier; src_port?: number; dst_port?: number; protocols: string[];
  src_byte_count?: number; dst_byte_count?: number; src_packets?: number; dst_packets?: number;
}
export interface Process extends ScoCommon {
  type: 'process'; is_hidden?: boolean; pid?: number; created_time?: Timestamp; cwd?: string; command_line?: string;
  environment_variables?: Record<string, string>; image_ref?: Identifier<'file'>; parent_ref?: Identifier<'process'>;
  child_refs?: Identifier<'process'>[]; creator_user_ref?: Identifier<'user-account'>;
}
export interface Software extends ScoCommon { type: 'software'; name: string; cpe?: string; swid?: string; languages?: string[]; vendor?: string; version?: string }
export interface UserAccount extends ScoCommon {
  type: 'user-account'; user_id?: string; credential?: string; account_login?: string; account_type?: string; display_name?: string;
  is_service_account?: boolean; is_privileged?: boolean; can_escalate_privs?: boolean; is_disabled?: boolean;
}
export interface X509Certificate extends ScoCommon {
  type: 'x509-certificate'; is_self_signed?: boolean; hashes?: Hashes; version?: string; serial_number?: string;
  signature_algorithm?: string; issuer?: string; validity_not_before?: Timestamp; validity_not_after?: Timestamp; subject?: string;
  subject_public_key_algorithm?: string;
}
export interface WindowsRegistryKey extends ScoCommon {
  type: 'windows-registry-key'; key?: string; values?: { name?: string; data?: string; data_type?: string }[]; modified_time?: Timestamp;
}

export type Sdo = AttackPattern | Campaign | CourseOfAction | Grouping | Identity | Indicator | Infrastructure | IntrusionSet |
  Malware | Note | ObservedData | Opinion | Report | ThreatActor | Tool | Vulnerability;
export type Sro = Relationship | Sighting;
export type Sco = Ipv4Addr | Ipv6Addr | DomainName | Url | EmailAddr | MacAddr | Mutex | AutonomousSystem | Directory | File |
  Artifact | NetworkTraffic | Process | Software | UserAccount | X509Certificate | WindowsRegistryKey;
export type StixObject = Sdo | Sro | Sco | ExtensionDefinition | MarkingDefinition;

export interface Bundle {
  type: 'bundle';
  id: Identifier<'bundle'>;
  objects: StixObject[];
}
