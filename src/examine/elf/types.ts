/** What `parseElf` reports about an ELF file. Addresses are decimal strings (64-bit values exceed 2^53). */

export interface ElfHeader {
  class: 'ELF32' | 'ELF64';
  endianness: 'little' | 'big';
  osAbi: number;
  /** e_type: 1 REL, 2 EXEC, 3 DYN (shared object or PIE), 4 CORE. */
  type: number;
  typeName: string;
  machine: number;
  machineName: string;
  entry: string;
  flags: number;
}

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: string;
  address: string;
  offset: number;
  size: number;
  link: number;
  entropy: number;
}

export interface ElfSegment {
  type: number;
  typeName: string;
  /** 'R', 'W', 'X' letters. */
  flags: string;
  offset: number;
  virtualAddress: string;
  fileSize: number;
  memorySize: number;
}

export interface ElfSymbol {
  name: string;
  value: string;
  size: number;
  /** STT_*: NOTYPE, OBJECT, FUNC, SECTION, FILE, … */
  type: string;
  /** STB_*: LOCAL, GLOBAL, WEAK. */
  bind: string;
  /** Section index; 0 means undefined (an import). */
  sectionIndex: number;
}

export interface ElfInfo {
  file: string;
  size: number;
  header: ElfHeader;
  sections: ElfSection[];
  segments: ElfSegment[];
  /** From .symtab (absent in stripped files). */
  symbols: ElfSymbol[];
  /** From .dynsym. */
  dynamicSymbols: ElfSymbol[];
  needed: string[];
  soname?: string;
  rpath?: string;
  runpath?: string;
  /** NT_GNU_BUILD_ID as hex. */
  buildId?: string;
  /** Compiler/linker identification strings from .comment ('GCC: (Debian 12.2.0-14) 12.2.0'). */
  comment: string[];
  interpreter?: string;
  anomalies: string[];
}
