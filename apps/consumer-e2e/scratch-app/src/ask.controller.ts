import { Body, Controller, Post } from '@nestjs/common';
import { type Answer, AskService } from './ask.service';

@Controller()
export class AskController {
  constructor(private readonly service: AskService) {}

  @Post('ask')
  ask(@Body() body: { question: string }): Promise<Answer | null> {
    return this.service.ask(body.question);
  }
}
