import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ZodBodyPipe } from '../common/zod-body.pipe';
import type { Classification } from './classification.schema';
import { ClassificationsService } from './classifications.service';
import { type ClassifyRequest, ClassifyRequestSchema } from './classify-request.schema';

@Controller('v1/classifications')
export class ClassificationsController {
  constructor(private readonly classifications: ClassificationsService) {}

  @Post()
  @HttpCode(200)
  create(@Body(new ZodBodyPipe(ClassifyRequestSchema)) body: ClassifyRequest): Promise<Classification> {
    const [first, ...rest] = body.labels;
    return this.classifications.classify(body.text, [first, ...rest]);
  }
}
