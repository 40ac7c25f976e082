import { Module } from '@nestjs/common';
import { OpenAiMetricsModule } from '@openai-monitoring/openai-metrics';
import { AskController } from './ask.controller';
import { AskService } from './ask.service';

@Module({
  imports: [
    OpenAiMetricsModule.forRoot({
      openai: { apiKey: process.env['OPENAI_API_KEY'], baseURL: process.env['OPENAI_BASE_URL'] },
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    }),
  ],
  controllers: [AskController],
  providers: [AskService],
})
export class AppModule {}
