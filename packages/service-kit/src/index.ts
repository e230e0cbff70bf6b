export { loadConfig, ConfigError, commonConfig, brokerList, type CommonConfig } from './config.ts';
export { createLogger, panMaskingStream, type Logger, type LoggerOptions } from './logger.ts';
export { maskPan, maskPansIn, PAN_PATTERN } from './pan.ts';
export { AppError, isRetriable } from './errors.ts';
export { createMetricsRegistry } from './metrics.ts';
export { checkReadiness, type ReadinessCheck, type ReadinessReport } from './readiness.ts';
export { opsRouter, type OpsOptions } from './ops-routes.ts';
export { listen, type RunningServer } from './http-server.ts';
export { registerShutdown, type ShutdownStep } from './shutdown.ts';
