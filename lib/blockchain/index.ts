/**
 * Chapter 11's chain and proof of work: blocks hashed over canonical JSON, a chain with a
 * ledger that refuses bad blocks with a reason, Ed25519 wallets, Merkle proofs for light nodes,
 * tamper detection, the lecture's `proof_of_work` and Bitcoin's target rule, retargeting, and
 * mining speed against openssl.
 * @packageDocumentation
 */
export { canonicalJson, doubleSha256, isHash, sha256Hex, ZERO_HASH } from './canonical';
export type { JsonValue } from './canonical';
export { blockHash, coinbaseTransaction, COINBASE, headerOf, leadingZeroBits, merkleRootOf, mineBlock, signTransaction, transactionId } from './block';
export type { Block, BlockDraft, BlockHeader, MinedBlock, Transaction } from './block';
export { merkleProof, merkleRoot, verifyMerkleProof } from './merkle';
export type { MerkleStep } from './merkle';
export { createWallet, signHex, verifyHex } from './wallet';
export type { Wallet } from './wallet';
export { BLOCK_STATUS_TEXT, blockFault, chainStatus, malformedBlock, malformedTransaction } from './validate';
export type { BlockFault, BlockStatus } from './validate';
export { Chain } from './chain';
export type { ChainOptions, RejectCode, Verdict } from './chain';
export { FullNode, LightNode, headersOf } from './nodes';
export type { InclusionProof, PaymentCheck } from './nodes';
export { aliceToBob } from './alice-bob';
export type { AliceBobRun, PaymentStep } from './alice-bob';
export { demoChain, tamperFigure, tamperSteps } from './tamper';
export type { TamperStep } from './tamper';
export { compactToTarget, difficultyOf, expectedHashes, hashToBigInt, hasHexZeros, meetsCompactTarget, POW_LIMIT, targetToCompact } from './target';
export { difficultyCurve, geometricQuantile, lectureComputeHash, proofOfWorkLecture, randomHeader } from './pow';
export type { DifficultyPoint, LectureBlock } from './pow';
export { BITCOIN_RETARGET_CASES, nextWorkRequired, RETARGET_INTERVAL, simulateRetargeting, TARGET_SPACING_S, TARGET_TIMESPAN_S } from './retarget';
export type { RetargetPeriod, RetargetSimulationOptions } from './retarget';
export { difficultyFigure, retargetFigure } from './plots';
export { createHeaderMiner, digestBytes, leadingZeroBitsLittleEndian } from './sha256-midstate';
export type { HeaderMiner } from './sha256-midstate';
export { allCoresRate, midstateRate, naiveRate, nodeCryptoRate, opensslRate } from './mining-speed';
export type { HashRate } from './mining-speed';
export { hashMeetsTarget, validateChain } from './exercises';
export type { ChainFault } from './exercises';
