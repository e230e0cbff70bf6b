import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { deadLetterTopicOf } from '@prequal/events';
import { DEAD_LETTER_HEADERS } from './headers.ts';

export interface DeadLetterOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly consumerGroup: string;
}

const MAX_ERROR_MESSAGE_LENGTH = 1000;

/**
 * The dead-letter record of a message that could not be processed: the original bytes, key and
 * headers, plus headers saying where it came from and why it failed.
 */
export function deadLetterMessage(
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>,
  origin: DeadLetterOrigin,
  error: unknown,
  attempts: number,
  failedAt: Date,
): { topic: string; message: Message } {
  const errorClass = error instanceof Error ? error.name : typeof error;
  const errorMessage = (error instanceof Error ? error.message : String(error)).slice(
    0,
    MAX_ERROR_MESSAGE_LENGTH,
  );
  const headers: IHeaders = {
    ...message.headers,
    [DEAD_LETTER_HEADERS.originalTopic]: origin.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(origin.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    [DEAD_LETTER_HEADERS.consumerGroup]: origin.consumerGroup,
    [DEAD_LETTER_HEADERS.errorClass]: errorClass,
    [DEAD_LETTER_HEADERS.errorMessage]: errorMessage,
    [DEAD_LETTER_HEADERS.attempts]: String(attempts),
    [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
  };
  return {
    topic: deadLetterTopicOf(origin.topic),
    message: { key: message.key, value: message.value, headers },
  };
}
