// @callfwd/domain: the pure rules of call forwarding. The only public API of the package.

// values
export { E164Schema, isE164, toDialDigits, type E164 } from './values/e164.js';
export { MinorUnitsSchema, type MinorUnits } from './values/minor-units.js';
export { CurrencySchema, type Currency } from './values/currency.js';
export { IdSchema, type Id } from './values/id.js';
export { UuidSchema, isUuid, type Uuid } from './values/uuid.js';
export { dialledDigits, sanitizeDigits } from './values/dialled-digits.js';
export { describeIssues, formatIssuePath } from './values/describe-issues.js';
export {
  CallfwdError,
  CALLFWD_ERROR_CODES,
  isCallfwdError,
  type CallfwdErrorCode,
} from './errors/callfwd-error.js';

// config
export { ConfigSchema, ResolvedConfigSchema, type Config, type ConfigInput } from './config/config-schema.js';
export { parseConfig, type ParseConfigOptions, type ParseConfigResult } from './config/parse-config.js';
export type { ConfigProblem } from './config/config-problem.js';
export type { Env } from './config/check-secrets.js';
export { NodeConfigSchema, NodeFileSchema, type NodeConfig } from './config/node-schema.js';
export { RedisConfigSchema, RedisFileSchema, type RedisConfig } from './config/redis-schema.js';
export { HttpConfigSchema, type HttpConfig } from './config/http-schema.js';
export { WorkerConfigSchema, type WorkerConfig } from './config/worker-schema.js';
export {
  DEFAULT_RECORDINGS_DIRECTORY,
  RecordingsConfigSchema,
  type RecordingsConfig,
} from './config/recordings-schema.js';
export {
  IncrementSchema,
  MAX_TARIFF_AMOUNT,
  RateSchema,
  TariffSchema,
  type Rate,
  type Tariff,
} from './config/tariff-schema.js';
export { AccountSchema, MAX_CALL_SECONDS_LIMIT, type Account } from './config/account-schema.js';
export { FallbackSchema, type Fallback } from './config/fallback-schema.js';
export {
  DialTemplateSchema,
  LINE_KINDS,
  LineKindSchema,
  LineSchema,
  NUMBER_PLACEHOLDER,
  type Line,
  type LineKind,
} from './config/line-schema.js';
export { EmployeeSchema, type Employee } from './config/employee-schema.js';
export { withStepsTarget } from './config/employee-input.js';
export { crossCheckLive, withLiveSet, type LiveSet } from './config/cross-check-live.js';
export { checkEmployeeFields } from './config/check-employee-fields.js';
export { SoundPathSchema, type SoundPath } from './config/sound-path-schema.js';
export {
  ConfirmSettingsSchema,
  DTMF_KEYS,
  DtmfKeySchema,
  type ConfirmSettings,
} from './config/confirm-schema.js';
export {
  MAX_STEPS,
  MAX_TARGETS_PER_STEP,
  StepSchema,
  StepsSchema,
  StepTargetSchema,
  type Step,
  type StepTarget,
} from './config/follow-me-schema.js';
export {
  findAccount,
  findEmployee,
  findFallback,
  findLine,
  findMainLine,
  findTariff,
} from './config/config-lookup.js';

// forwarding: triggers and the loop guard
export { TRIGGERS, TriggerSchema, type Trigger } from './forwarding/trigger.js';
export { triggerForDisposition, type DispositionReading } from './forwarding/trigger-for-disposition.js';
export {
  decideForward,
  type DecideForwardInput,
  type ForwardDecision,
  type NoForwardReason,
} from './forwarding/decide-forward.js';

export { employeeSteps, type FollowMeStep, type FollowMeTarget } from './forwarding/employee-steps.js';
export {
  TRIGGER_HOURS,
  TriggerHoursSchema,
  TriggerWhenSchema,
  hoursOf,
  type TriggerHours,
  type TriggerWhen,
} from './forwarding/trigger-hours.js';

// working hours (rule 10)
export {
  DateSchema,
  ScheduleExceptionSchema,
  ScheduleSchema,
  TimeRangeSchema,
  WEEKDAYS,
  WeekdaySchema,
  WeeklyRangeSchema,
  type Schedule,
  type ScheduleException,
  type TimeRange,
  type Weekday,
  type WeeklyRange,
} from './schedule/schedule-schema.js';
export { TimeZoneSchema, isKnownTimeZone, type TimeZone } from './schedule/time-zone-schema.js';
export { isOpen } from './schedule/is-open.js';
export { nextChange } from './schedule/next-change.js';
export { scheduleNeverOpens } from './schedule/open-intervals.js';

// limits (rule 11)
export {
  AccountLimitsSchema,
  DestinationPrefixSchema,
  DestinationRulesSchema,
  type AccountLimits,
  type DestinationRules,
} from './limits/limits-schema.js';
export { CountrySchema } from './limits/country-schema.js';
export { COUNTRIES, callingCodeOf, countryOfNumber, type Country } from './limits/calling-codes.js';
export { DEFAULT_PREMIUM_PREFIXES, defaultPremiumPrefixes } from './limits/premium-prefixes.js';
export {
  checkDestination,
  type DestinationCheck,
  type DestinationRefusal,
} from './limits/check-destination.js';

// routing: forward-via, route and failover, dial strings
export {
  effectiveForwardVia,
  type EffectiveForwardVia,
  type ForwardViaReason,
} from './routing/effective-forward-via.js';
export {
  chooseForwardRoute,
  type ChooseForwardRouteInput,
  type ForwardRoute,
  type RouteAttempt,
  type RouteFailureReason,
} from './routing/choose-forward-route.js';
export { buildDialString } from './routing/build-dial-string.js';
export {
  checkSetForwardVia,
  type SetForwardViaCheck,
  type SetForwardViaRefusal,
} from './routing/check-set-forward-via.js';
export { describeLine, describeLineKind } from './routing/describe-line.js';

// caller ID
export {
  chooseCallerId,
  type CallerIdChoice,
  type ChooseCallerIdInput,
  type DiversionReason,
} from './caller-id/choose-caller-id.js';
export { safeDisplayName } from './caller-id/safe-display-name.js';

// recording
export { decideRecording, type RecordingDecision } from './recording/decide-recording.js';
export { recordingPath } from './recording/recording-path.js';

// billing
export { findRate } from './billing/find-rate.js';
export { rateCall, type CallRating } from './billing/rate-call.js';
export { parseIncrement, chargedSecondsFor, type Increment } from './billing/parse-increment.js';
export {
  authorizeCredit,
  type AuthorizeCreditInput,
  type CreditAuthorization,
} from './billing/authorize-credit.js';

// records and jobs
export { OUTCOMES, OutcomeSchema, type Outcome } from './records/outcome.js';
export {
  CallAttemptSchema,
  CallRecordSchema,
  parseCallRecord,
  type CallAttempt,
  type CallRecord,
} from './records/call-record.js';
export { planFallback, BUILT_IN_FALLBACK_SOUND, type FallbackPlan } from './routing/plan-fallback.js';

// the forward: an explicit state machine (states, events, effects) and its one step function
export { BillingConfigSchema, type BillingConfig } from './config/billing-schema.js';
export { ForwardCallSchema, type ForwardCall } from './forward/forward-call.js';
export {
  FORWARD_PHASES,
  ForwardLegSchema,
  ForwardPlanSchema,
  ForwardStateSchema,
  LEG_STATUSES,
  type ForwardLeg,
  type ForwardPhase,
  type ForwardPlan,
  type ForwardState,
  type LegStatus,
} from './forward/forward-state.js';
export {
  FORWARD_EVENT_KINDS,
  FORWARD_TIMERS,
  ForwardEventSchema,
  ForwardJobSchema,
  forwardEventId,
  forwardJobId,
  parseForwardJob,
  type ForwardEvent,
  type ForwardEventKind,
  type ForwardJob,
  type ForwardTimer,
} from './forward/forward-event.js';
export { FORWARD_EFFECT_KINDS, ONCE_EFFECTS, WINDOWED_EFFECTS, forwardEffectId, type ForwardEffect, type ForwardEffectKind } from './forward/forward-effect.js';
export { classifyHangupCause, failsOver, type CauseClass } from './forward/classify-hangup-cause.js';
export { costOfSeconds, firstSlice, nextSlice, secondsCovered, type SliceTerms } from './forward/credit-slices.js';
export type { ForwardContext, ForwardStep } from './forward/forward-context.js';
export { mattersAfterDone, stepForward } from './forward/step-forward.js';
export { mootTimers, newlyMootTimers, pendingTimers } from './forward/pending-timers.js';
export { newForwardState } from './forward/forward-start.js';
export { buildForwardRecord } from './forward/build-forward-record.js';
export { callerWaitBoundMs, ringTimeoutMs, LEGS_GONE_MS } from './forward/forward-bounds.js';
