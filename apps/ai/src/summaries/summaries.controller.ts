import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ZodBodyPipe } from '../common/zod-body.pipe';
import { SummariesService } from './summaries.service';
import { type SummarizeRequest, SummarizeRequestSchema } from './summarize-request.schema';
import type { Summary } from './summary.schema';

@Controller('v1/summaries')
export class SummariesController {
  constructor(private readonly summaries: SummariesService) {}

  @Post()
  @HttpCode(200)
  create(@Body(new ZodBodyPipe(SummarizeRequestSchema)) body: SummarizeRequest): Promise<Summary> {
    return this.summaries.summarize(body.text);
  }
}
