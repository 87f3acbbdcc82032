import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches here by design (handlers log ids and
 * codes, never bodies); the redaction list is a second line of defence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'e-rescue' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          '*.idNumber', '*.phone', '*.name', '*.address', '*.description', '*.password', '*.token',
          'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
          'applicant', 'body', 'password', 'token', 'idNumber', 'phone', 'address',
        ],
        censor: '[redacted]',
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export type { Logger };
