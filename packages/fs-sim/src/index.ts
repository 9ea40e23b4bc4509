// @callfwd/fs-sim: a FreeSWITCH 1.10 event-socket simulator for tests, the demo and the benchmark.
export { createSimNode } from './model/sim-node.js';
export type { SimNode, SimNodeOptions, CommandRecord, OriginateRecord, ChannelSnapshot } from './model/sim-node.js';
export { createSimCluster } from './model/sim-cluster.js';
export type { SimCluster } from './model/sim-cluster.js';
export type { PlaceCallInput } from './model/place-call.js';
export type { FarEndScript, FarEndKeys, GatewayState, DeskPhoneRule } from './model/far-end-script.js';
export type { XmlCdrOptions, CdrPostRecord, CdrFailure } from './model/cdr-poster.js';
export { readCdrPost } from './model/xml-cdr.js';
export type { PostedCdr } from './model/xml-cdr.js';
export type { ParkNotice } from './model/node-state.js';
export {
  CAPTURE_FAR_ENDS,
  CAPTURE_DEFAULT_FAR_END,
  CAPTURE_DESK_PHONES,
  CAPTURE_GATEWAYS,
  CAPTURE_INBOUND_CONTEXTS,
} from './model/capture-dialplan.js';
export { parseOriginate, parseVarBlock, parseDialTarget, parseLegs } from './model/parse-originate.js';
export type { OriginateCommand, DialTarget, DialLeg } from './model/parse-originate.js';
export type { FsEvent, HeaderValue } from './protocol/fs-event.js';
export { encodeEvent } from './protocol/encode-message.js';
export type { EventFormat } from './protocol/encode-message.js';
export { urlEncode, urlDecode } from './protocol/url-encode.js';
export { createCallGenerator } from './generator/call-generator.js';
export type { CallGenerator, CallGeneratorOptions, CallGeneratorStats, CallMixEntry, PlacedCall } from './generator/call-generator.js';
export { createSeededRandom, type Random } from './generator/seeded-random.js';
