export {
  loadConfig,
  defaultsOf,
  serviceSettings,
  ConfigError,
  type ServiceSettings,
  type Settings,
  type SettingsOf,
} from './config.ts';
export { optionalSecret, requiredSecret, readSecretFile } from './secrets.ts';
export { createLogger, panMaskingStream, type Logger, type LoggerOptions } from './logger.ts';
export { maskPan, maskPansIn, containsPan, PAN_ANYWHERE_TEXT } from './pan.ts';
export { AppError, appError, errorProperty, type FailureKind } from './errors.ts';
export { failureKindOf, isNetworkFailure } from './failure.ts';
export { createMetricsRegistry } from './metrics.ts';
export { sharedReadiness, withTimeout, type ReadinessCheck, type ReadinessReport } from './readiness.ts';
export { opsRouter, type OpsOptions, type ReadinessAnswer } from './ops-routes.ts';
export { listen, type ListenOptions, type RunningServer } from './http-server.ts';
export { registerShutdown, type ShutdownStep } from './shutdown.ts';
export { runService, type RunServiceOptions } from './run-service.ts';
export { ServiceHost, type Part, type PartContext } from './service-host.ts';
export { opsServerPart, httpServerPart } from './ops-server.ts';
