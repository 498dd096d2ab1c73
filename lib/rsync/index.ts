/**
 * rsync's delta algorithm (Tridgell & Mackerras): the rolling weak checksum, the strong hash per
 * block, rsync 3's block size, delta encoding and decoding with strict checks, and the same file
 * pairs run through real rsync for comparison. Chapter 10.
 * @packageDocumentation
 */
export { CHAR_OFFSET, fileChecksum, rollWeakChecksum, shrinkWeakChecksum, signedByte, strongChecksum, weakChecksum } from './checksum';
export { RSYNC_BLOCK_SIZE, RSYNC_MAX_BLOCK_SIZE, rsyncBlockSize, rsyncStrongLength } from './block-size';
export { checkSignature, computeDelta, signature } from './delta';
export type { BlockSignature, Delta, DeltaMatch, DeltaOp, DeltaOptions, DeltaResult, DeltaStats, Signature } from './delta';
export { applyDelta, decodeDelta, DeltaError, encodeDelta } from './patch';
export type { DeltaErrorKind } from './patch';
export { EDIT_KINDS, editCases, editFile, randomBytes } from './edits';
export type { EditKind, FilePair } from './edits';
export { parseRsyncOutput, rsyncBinary, rsyncMissingMessage, rsyncWorkDir, runCommand, runRealRsync } from './real';
export type { CommandResult, RealRsyncRun } from './real';
export { blockSizeSweep, compareWithRsync, rsyncArchiveDemo } from './experiment';
export type { ArchiveRun, PairComparison } from './experiment';
export { blockSizeFigure, literalBytesFigure, matchMapFigure } from './plots';
export type { BlockSizePoint, ComparisonRow } from './plots';
export { rollChecksum } from './exercises';
