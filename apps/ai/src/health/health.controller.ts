import { Controller, Get } from '@nestjs/common';
import { Public } from '@openai-monitoring/auth';

@Public()
@Controller('health')
export class HealthController {
  @Get()
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
